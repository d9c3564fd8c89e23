package dev.keel.benchmarks.replay;

import dev.keel.connectors.s3.S3FileSystemClient;
import dev.keel.connectors.s3.S3FileSystemProvider;
import dev.keel.connectors.s3.S3Options;
import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A plain benchmark (not JMH: it starts an S3 API server): a fresh snapshot of the 300k-file table
 * loaded and all its files listed, from local disk and from an S3 server on a loopback port
 * (s3proxy with its filesystem backend, in a child JVM), with the S3 requests each load makes
 * counted by kind. Prints the median and fastest of the measured rounds.
 *
 * <pre>
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   -Dkeel.s3proxy.classpath=connectors/s3proxy-runtime/target/s3proxy.classpath \
 *   dev.keel.benchmarks.replay.S3SnapshotLoad [warm-up rounds] [measured rounds]
 * </pre>
 */
public final class S3SnapshotLoad {
  private S3SnapshotLoad() {}

  /** Counts the requests the SDK sends, by operation (a ranged GET counted apart). */
  static final class RequestCounter implements ExecutionInterceptor {
    final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String kind = context.request().getClass().getSimpleName().replace("Request", "");
      if (context.request() instanceof GetObjectRequest
          && ((GetObjectRequest) context.request()).range() != null) {
        kind = "GetObject (ranged)";
      }
      counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }
  }

  public static void main(String[] args) throws Exception {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    System.setProperty("aws.region", "us-east-1");
    if (System.getProperty("keel.s3proxy.classpath") == null) {
      System.setProperty(
          "keel.s3proxy.classpath", "connectors/s3proxy-runtime/target/s3proxy.classpath");
    }
    Path table = BenchmarkTables.table300k();
    Path work = Files.createTempDirectory("keel-s3-bench");
    try (S3ProxyServer server = S3ProxyServer.start(work)) {
      server.createBucket("bench");
      S3Options options = S3Options.from(Map.of("keel.s3.endpoint", server.endpoint()), Map.of());
      RequestCounter counter = new RequestCounter();
      S3Client client = S3FileSystemProvider.client(options, counter);
      String remote = "s3://bench/300k";
      try (S3FileSystemClient s3 = new S3FileSystemClient(client, options);
          DefaultEngine onS3 = DefaultEngine.builder().fileSystemClient(s3).build();
          DefaultEngine local = DefaultEngine.create()) {
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
          for (Path f : (Iterable<Path>) log::iterator) {
            s3.write(remote + "/_delta_log/" + f.getFileName(), Files.readAllBytes(f), false);
          }
        }
        long files = Replay.keel(local, table.toString(), Optional.empty());
        if (Replay.keel(onS3, remote, Optional.empty()) != files) {
          throw new IllegalStateException("S3 and local disk list different files");
        }
        report("local disk", measure(local, table.toString(), warmUp, rounds), files, null, 0);
        counter.counts.clear();
        long[] s3Times = measure(onS3, remote, warmUp, rounds);
        report("S3 (s3proxy, loopback)", s3Times, files, counter, warmUp + rounds);
      }
    }
  }

  private static long[] measure(Engine engine, String table, int warmUp, int rounds) {
    for (int i = 0; i < warmUp; i++) {
      Replay.keel(engine, table, Optional.empty());
    }
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      Replay.keel(engine, table, Optional.empty());
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static void report(
      String where, long[] sorted, long files, RequestCounter counter, int loads) {
    List<String> requests = new ArrayList<>();
    if (counter != null) {
      counter.counts.forEach(
          (kind, n) -> requests.add(kind + " " + String.format("%.1f", n.doubleValue() / loads)));
      requests.sort(null);
    }
    System.out.printf(
        "%-24s %,d files: median %,d ms, fastest %,d ms over %d rounds%s%n",
        where,
        files,
        sorted[sorted.length / 2] / 1_000_000,
        sorted[0] / 1_000_000,
        sorted.length,
        requests.isEmpty() ? "" : "; requests per load: " + String.join(", ", requests));
  }
}
