package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Evolving;
import java.util.Map;

/** One report: what operation ran on which table and its measurements. */
@Evolving
public interface MetricsReport {
  /**
   * @return the operation, e.g. {@code "snapshot"}, {@code "scan"}, {@code "commit"}
   */
  String getOperation();

  /**
   * @return the table path
   */
  String getTablePath();

  /**
   * @return named measurements (durations in nanoseconds, counts), in a stable order
   */
  Map<String, Long> getMetrics();
}
