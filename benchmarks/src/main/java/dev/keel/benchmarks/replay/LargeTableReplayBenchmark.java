package dev.keel.benchmarks.replay;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot load plus enumerating every live file of the synthetic tables ({@link SyntheticTables}:
 * 1,000,000 files behind a classic, multi-part or V2 checkpoint with 100 commits after it, or
 * 10,000 small commits), through Keel and through the reference Delta Kernel Java 4.4.0, from a
 * fresh table object each time. {@code keel} and {@code deltaKernelJavaWithStats} hand out each
 * file's statistics; {@code keelNoStats} ({@code withFileStatistics(false)}) and {@code
 * deltaKernelJava} (the reference's default {@code getScanFiles(engine)}) do not read them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+UseParallelGC"})
public class LargeTableReplayBenchmark extends KernelPair {
  @Param({"classic", "multipart", "v2", "commits10k"})
  public String kind;

  private String table;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    table = SyntheticTables.get(kind).toString();
    openEngines();
    Replay.checkSameFiles(keel, reference, table);
  }

  @Benchmark
  public long keel() {
    return Replay.keel(keel, table, Optional.empty());
  }

  /** Without statistics: the checkpoint's {@code add.stats} column is not read. */
  @Benchmark
  public long keelNoStats() {
    return Replay.keel(keel, table, false);
  }

  /** The reference kernel's default, which leaves statistics out. */
  @Benchmark
  public long deltaKernelJava() throws Exception {
    return Replay.reference(reference, table, Optional.empty());
  }

  /**
   * The reference kernel with statistics ({@code getScanFiles(engine, true)}), Keel's default work.
   */
  @Benchmark
  public long deltaKernelJavaWithStats() throws Exception {
    return Replay.reference(reference, table, true);
  }
}
