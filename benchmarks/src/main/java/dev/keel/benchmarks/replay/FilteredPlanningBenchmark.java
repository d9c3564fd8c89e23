package dev.keel.benchmarks.replay;

import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * Planning a selective query on the 1,000,000-file synthetic table with a classic checkpoint: a
 * partition filter ({@code p = 7}: 1% of the files) and a data filter on statistics ({@code id >=
 * 500000000 AND id < 500010000}: 10 files), through Keel and the reference kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+UseParallelGC"})
public class FilteredPlanningBenchmark extends KernelPair {
  private String table;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    table = SyntheticTables.get("classic").toString();
    openEngines();
    // pruning precision may differ between kernels (both are correct when they keep a superset)
    System.out.printf(
        "files kept: Keel %d / %d, reference %d / %d (partition / data filter)%n",
        keelPartitionFilter(),
        keelDataFilter(),
        deltaKernelJavaPartitionFilter(),
        deltaKernelJavaDataFilter());
  }

  @Benchmark
  public long keelPartitionFilter() {
    return Replay.keel(
        keel, table, Optional.of(Expressions.equal(Expressions.column("p"), Literal.ofInt(7))));
  }

  @Benchmark
  public long keelDataFilter() {
    return Replay.keel(
        keel,
        table,
        Optional.of(
            Expressions.and(
                Expressions.greaterThanOrEqual(
                    Expressions.column("id"), Literal.ofLong(500_000_000L)),
                Expressions.lessThan(Expressions.column("id"), Literal.ofLong(500_010_000L)))));
  }

  private static io.delta.kernel.expressions.Predicate ref(
      String op, String column, io.delta.kernel.expressions.Literal value) {
    return new io.delta.kernel.expressions.Predicate(
        op, List.of(new io.delta.kernel.expressions.Column(column), value));
  }

  @Benchmark
  public long deltaKernelJavaPartitionFilter() throws Exception {
    return Replay.reference(
        reference, table, Optional.of(ref("=", "p", io.delta.kernel.expressions.Literal.ofInt(7))));
  }

  @Benchmark
  public long deltaKernelJavaDataFilter() throws Exception {
    return Replay.reference(
        reference,
        table,
        Optional.of(
            new io.delta.kernel.expressions.And(
                ref(">=", "id", io.delta.kernel.expressions.Literal.ofLong(500_000_000L)),
                ref("<", "id", io.delta.kernel.expressions.Literal.ofLong(500_010_000L)))));
  }
}
