package dev.keel.kernel.engine;

/** Receives the metrics reports the kernel emits (snapshot loads, scans, commits). */
public interface MetricsReporter {
  /**
   * Called once per finished operation. Must not throw and should return quickly.
   *
   * @param report the report
   */
  void report(MetricsReport report);
}
