package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Evolving;

/** Receives the metrics reports the kernel emits (snapshot loads, scans, commits). */
@Evolving
public interface MetricsReporter {
  /**
   * Called once per finished operation. Must not throw and should return quickly.
   *
   * @param report the report
   */
  void report(MetricsReport report);
}
