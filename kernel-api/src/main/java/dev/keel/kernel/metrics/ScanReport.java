package dev.keel.kernel.metrics;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.MetricsReport;

/**
 * Emitted when the iterator of {@code Scan.getScanFiles} (and so of {@code Scan.readData}) is
 * closed: how many live files the snapshot had in the batches the scan went through, how many
 * partition pruning and data skipping removed, and how many it returned. A listing closed early
 * reports what it saw until then ({@link #isComplete()} false).
 *
 * <p>{@link #getOperation()} is {@code "scan"}; {@link #getMetrics()} holds {@code version}, {@code
 * filesConsidered}, {@code filesPrunedByPartition}, {@code filesSkippedByStatistics}, {@code
 * filesReturned}, {@code durationNanos} and {@code complete} (1 or 0).
 */
@Evolving
public interface ScanReport extends MetricsReport {
  /**
   * @return the snapshot version scanned
   */
  long getVersion();

  /**
   * @return live files the scan looked at
   */
  long getFilesConsidered();

  /**
   * @return files the partition filter ruled out
   */
  long getFilesPrunedByPartition();

  /**
   * @return files their statistics ruled out (data skipping)
   */
  long getFilesSkippedByStatistics();

  /**
   * @return files handed to the caller
   */
  long getFilesReturned();

  /**
   * @return wall time from opening the listing until it was closed, in nanoseconds
   */
  long getDurationNanos();

  /**
   * @return true when the listing was read to its end
   */
  boolean isComplete();
}
