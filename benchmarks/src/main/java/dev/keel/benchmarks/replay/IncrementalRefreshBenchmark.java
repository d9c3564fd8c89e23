package dev.keel.benchmarks.replay;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Incremental refresh: a snapshot of a copy of the 300,000-file table at version N, then 10 more
 * commits; {@code keelRefresh} builds the snapshot at N+10 from the one at N ({@link
 * Snapshot#refresh}), the others load N+10 from scratch (Keel and the reference kernel). There are
 * no checksum files, so a full load reads every commit to find protocol and metadata.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class IncrementalRefreshBenchmark extends KernelPair {
  private String table;
  private Snapshot atN;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Path source = BenchmarkTables.table300k();
    Path copy = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "refresh-300k");
    GeneratedTables.deleteRecursively(copy);
    Path log = Files.createDirectories(copy.resolve("_delta_log"));
    List<Path> commits;
    try (Stream<Path> files = Files.list(source.resolve("_delta_log"))) {
      commits =
          files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    for (Path c : commits) {
      Files.copy(c, log.resolve(c.getFileName()));
    }
    table = copy.toString();
    openEngines();
    atN = Table.forPath(keel, table).getLatestSnapshot(keel);
    String anAdd;
    try (Stream<String> lines = Files.lines(commits.get(commits.size() - 1))) {
      anAdd = lines.filter(l -> l.startsWith("{\"add\"")).findFirst().orElseThrow();
    }
    for (int k = 1; k <= 10; k++) {
      long v = atN.getVersion() + k;
      String add = anAdd.replaceFirst("\"path\":\"", "\"path\":\"refresh-" + k + "-");
      String commitInfo =
          "{\"commitInfo\":{\"timestamp\":"
              + System.currentTimeMillis()
              + ",\"operation\":\"WRITE\"}}";
      Files.writeString(
          log.resolve(String.format("%020d.json", v)),
          commitInfo + "\n" + add + "\n",
          StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public long keelRefresh() {
    return atN.refresh(keel).getVersion();
  }

  @Benchmark
  public long keelFullLoad() {
    return Table.forPath(keel, table).getLatestSnapshot(keel).getVersion();
  }

  @Benchmark
  public long deltaKernelJavaFullLoad() throws Exception {
    return io.delta.kernel.Table.forPath(reference, table)
        .getLatestSnapshot(reference)
        .getVersion();
  }
}
