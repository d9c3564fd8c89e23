package dev.keel.kernel.metrics;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.MetricsReport;

/**
 * Emitted when the iterator of {@code Scan.readData} is closed: the data files it opened, the rows
 * it handed out (selected rows, after deletion vectors), and the bytes of those files (their sizes
 * in the log).
 *
 * <p>{@link #getOperation()} is {@code "read"}; {@link #getMetrics()} holds {@code version}, {@code
 * filesRead}, {@code rowsReturned}, {@code bytesRead} and {@code durationNanos}.
 */
@Evolving
public interface DataReadReport extends MetricsReport {
  /**
   * @return the snapshot version read
   */
  long getVersion();

  /**
   * @return data files opened
   */
  long getFilesRead();

  /**
   * @return rows handed to the caller (selected rows only)
   */
  long getRowsReturned();

  /**
   * @return the sizes of the data files opened, in bytes
   */
  long getBytesRead();

  /**
   * @return wall time from opening the read until it was closed, in nanoseconds
   */
  long getDurationNanos();
}
