package dev.keel.kernel.metrics;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.MetricsReport;
import java.util.Optional;

/**
 * Emitted once a snapshot is loaded ({@code Table.getLatestSnapshot}, {@code getSnapshotAsOf*}) or
 * refreshed ({@code Snapshot.refresh} that found new commits). Counts what the load itself read:
 * the log listing and the files read for protocol and metadata (a checksum file, commits newest
 * first, the checkpoint only when needed). File listings of the snapshot are reported by {@link
 * ScanReport}.
 *
 * <p>{@link #getOperation()} is {@code "snapshot"}; {@link #getMetrics()} holds {@code version},
 * {@code checkpointVersion} (-1 without one), {@code commitsInSegment}, {@code filesRead}, {@code
 * bytesRead}, {@code durationNanos} and {@code refresh} (1 or 0).
 */
@Evolving
public interface SnapshotReport extends MetricsReport {
  /**
   * @return the version loaded
   */
  long getVersion();

  /**
   * @return the version of the checkpoint the snapshot's log segment starts from, if any
   */
  Optional<Long> getCheckpointVersion();

  /**
   * @return how many commit files the log segment holds after its checkpoint
   */
  long getCommitsInSegment();

  /**
   * @return how many log files (checksum, commits, checkpoint parts) the load read
   */
  long getFilesRead();

  /**
   * @return the sizes of the log files the load read, in bytes, as listed
   */
  long getBytesRead();

  /**
   * @return the load's wall time in nanoseconds
   */
  long getDurationNanos();

  /**
   * @return true for an incremental refresh of an older snapshot, false for a full load
   */
  boolean isRefresh();
}
