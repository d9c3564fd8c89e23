package dev.keel.connectors.sharing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load run against a sharing server in this JVM: {@code clients} threads issue query requests
 * (the files of a synthetic table of {@code files} files with statistics, in the parquet format)
 * for {@code seconds}, each waiting for its answer before the next. It reports requests per second,
 * latency percentiles, errors, and the heap in use after a collection at the start, the middle and
 * the end. {@code TestSharingLoad} runs it briefly; {@code benchmarks/README.md} has a full run:
 *
 * <pre>
 * java -cp ... dev.keel.connectors.sharing.SharingLoad [clients=64] [seconds=30] [files=1000]
 * </pre>
 */
public final class SharingLoad {
  /** What a run measured. */
  record Result(
      long requests,
      long errors,
      long[] latencyNanos,
      long seconds,
      List<Long> heapAfterGc,
      List<String> firstErrors) {
    long percentile(double p) {
      if (latencyNanos.length == 0) {
        return 0;
      }
      return latencyNanos[
          Math.min(latencyNanos.length - 1, (int) Math.ceil(p * latencyNanos.length) - 1)];
    }

    @Override
    public String toString() {
      return String.format(
          "%d requests in %d s (%.0f/s), %d errors; latency ms p50 %.1f, p90 %.1f, p99 %.1f, max"
              + " %.1f; heap after GC (MB) %s",
          requests,
          seconds,
          requests / (double) seconds,
          errors,
          percentile(0.50) / 1e6,
          percentile(0.90) / 1e6,
          percentile(0.99) / 1e6,
          percentile(1.0) / 1e6,
          heapAfterGc.stream().map(b -> Long.toString(b >> 20)).toList());
    }
  }

  private SharingLoad() {}

  /** Writes a table of {@code files} files (the files themselves absent: queries only list). */
  static Path syntheticTable(Path dir, int files) throws IOException {
    Path log = Files.createDirectories(dir.resolve("_delta_log"));
    StringBuilder s = new StringBuilder();
    s.append("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n");
    s.append(
        "{\"metaData\":{\"id\":\"load\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
            + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
            + "{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"day\\\",\\\"type\\\":\\\"date\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
            + "\"partitionColumns\":[\"day\"],\"configuration\":{},\"createdTime\":1}}\n");
    for (int i = 0; i < files; i++) {
      String day = java.time.LocalDate.of(2024, 1, 1).plusDays(i % 60).toString();
      s.append("{\"add\":{\"path\":\"day=")
          .append(day)
          .append("/part-")
          .append(String.format("%05d", i))
          .append(".parquet\",\"partitionValues\":{\"day\":\"")
          .append(day)
          .append("\"},\"size\":")
          .append(10_000 + i)
          .append(
              ",\"modificationTime\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":1000,")
          .append("\\\"minValues\\\":{\\\"id\\\":")
          .append(i * 1000L)
          .append("},\\\"maxValues\\\":{\\\"id\\\":")
          .append(i * 1000L + 999)
          .append("},\\\"nullCount\\\":{\\\"id\\\":0}}\"}}\n");
    }
    Files.writeString(log.resolve("00000000000000000000.json"), s);
    return dir;
  }

  static Result run(String url, String token, int clients, Duration duration, int expectedLines)
      throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    List<Long> heap = new ArrayList<>();
    heap.add(heapAfterGc());
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                  long start = System.nanoTime();
                  try {
                    HttpResponse<String> r =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    long lines = r.body().chars().filter(ch -> ch == '\n').count();
                    if (r.statusCode() != 200 || lines != expectedLines) {
                      errors.incrementAndGet();
                      if (firstErrors.size() < 5) {
                        firstErrors.add(r.statusCode() + " with " + lines + " lines");
                      }
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 5) {
                      firstErrors.add(e.toString());
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  mine[n++] = System.nanoTime() - start;
                }
                latencies.add(Arrays.copyOf(mine, n));
              },
              "load-client-" + c);
      t.start();
      threads.add(t);
    }
    Thread.sleep(duration.toMillis() / 2);
    heap.add(heapAfterGc());
    for (Thread t : threads) {
      t.join(duration.toMillis() + 60_000);
    }
    heap.add(heapAfterGc());
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        all.length,
        errors.get(),
        all,
        Math.max(1, duration.toSeconds()),
        heap,
        new ArrayList<>(firstErrors));
  }

  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int files = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Path dir = Files.createTempDirectory("keel-sharing-load");
    Path table = syntheticTable(dir.resolve("t"), files);
    try (SharingTestServer server =
        SharingTestServer.sharing(Map.of("t", table), "accessLog: false\nrequestsPerSecond: 0\n")) {
      String url = server.endpoint() + "/shares/share/schemas/schema/tables/t/query";
      // warm-up
      run(url, SharingTestServer.TOKEN, clients, Duration.ofSeconds(5), files + 2);
      Result r = run(url, SharingTestServer.TOKEN, clients, Duration.ofSeconds(seconds), files + 2);
      System.out.println(
          clients
              + " clients, "
              + files
              + "-file table, "
              + Runtime.getRuntime().availableProcessors()
              + " cores: "
              + r);
      if (!r.firstErrors().isEmpty()) {
        System.out.println("first errors: " + r.firstErrors());
      }
    }
  }
}
