package dev.keel.benchmarks.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * Snapshot load plus enumerating every live file of the 300,000-file table (5 JSON commits, about
 * 46 MB), through Keel and through the reference Delta Kernel Java 4.4.0, in the same run and JVM
 * settings; and the floor: tokenizing the same JSON with Jackson and nothing else. {@code keel} and
 * {@code deltaKernelJava} start from a fresh table object each time (snapshot load plus listing);
 * the {@code Warm} variants list the files of a snapshot loaded once. A Keel snapshot remembers
 * which log rows its first complete listing found live, so {@code keelWarm} measures listings that
 * read the log without reconciling; {@code keelFirstListing} lists a snapshot loaded just before
 * (outside the timing) for the first time, reconciliation included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class LogReplayBenchmark extends KernelPair {
  private String table;
  private dev.keel.kernel.Snapshot warmKeel;
  private io.delta.kernel.Snapshot warmReference;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    table = BenchmarkTables.table300k().toString();
    openEngines();
    Replay.checkSameFiles(keel, reference, table);
    warmKeel = dev.keel.kernel.Table.forPath(keel, table).getLatestSnapshot(keel);
    warmReference = io.delta.kernel.Table.forPath(reference, table).getLatestSnapshot(reference);
  }

  @Benchmark
  public long keel() {
    return Replay.keel(keel, table, Optional.empty());
  }

  /** Warm: the snapshot is loaded once; each invocation lists its files again. */
  @Benchmark
  public long keelWarm() {
    return Replay.keelFiles(keel, warmKeel, Optional.empty());
  }

  /**
   * A snapshot loaded before each invocation, outside the timing, for {@link #keelFirstListing}.
   */
  @State(Scope.Thread)
  public static class FreshSnapshot {
    dev.keel.kernel.Snapshot snapshot;

    @Setup(Level.Invocation)
    public void load(LogReplayBenchmark b) {
      snapshot = dev.keel.kernel.Table.forPath(b.keel, b.table).getLatestSnapshot(b.keel);
    }
  }

  /**
   * The first listing of a loaded snapshot: what {@link #keelWarm} costs before the snapshot
   * remembers its replay.
   */
  @Benchmark
  public long keelFirstListing(FreshSnapshot fresh) {
    return Replay.keelFiles(keel, fresh.snapshot, Optional.empty());
  }

  /** Warm, through the reference kernel: one loaded snapshot, its files listed again. */
  @Benchmark
  public long deltaKernelJavaWarm() throws Exception {
    return Replay.referenceFiles(reference, warmReference, Optional.empty());
  }

  @Benchmark
  public long deltaKernelJava() throws Exception {
    return Replay.reference(reference, table, Optional.empty());
  }

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The floor: every token of every commit file read by Jackson's streaming parser, nothing else.
   */
  @Benchmark
  public long tokenizeFloor() throws Exception {
    long tokens = 0;
    try (Stream<Path> files = Files.list(Path.of(table, "_delta_log"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toArray(Path[]::new)) {
        try (InputStream in = Files.newInputStream(f);
            JsonParser p = JSON.createParser(in)) {
          while (p.nextToken() != null) {
            tokens++;
          }
        }
      }
    }
    return tokens;
  }
}
