package dev.keel.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the whole benchmark JVM spent per operation ({@code ·cpu.perOp}, ms/op),
 * beside the wall time JMH measures: a workload that runs on several threads can be fast in wall
 * time while spending more CPU than the wall time shows. It is the process CPU time (every thread:
 * the workload's, the collector's, JIT compilers' and JMH's own) over an iteration divided by the
 * iteration's operations, so it includes the collections the workload causes. Use with {@code -prof
 * dev.keel.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "Process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double perOpMs = ops == 0 ? Double.NaN : cpu / 1e6 / ops;
    return List.of(new ScalarResult("·cpu.perOp", perOpMs, "ms/op", AggregationPolicy.AVG));
  }
}
