package dev.keel.kernel.internal.log;

import dev.keel.kernel.utils.FileStatus;
import java.util.List;
import java.util.Optional;

/**
 * The files that make up one snapshot: at most one complete checkpoint (all its parts), the commit
 * files after it up to the snapshot's version in ascending order, the compaction files usable in
 * that range, and the checksum file of the version if there is one.
 */
public final class LogSegment {
  public final String tablePath;
  public final String logDir;
  public final long version;
  public final long checkpointVersion; // -1 when there is no checkpoint
  public final List<FileStatus> checkpoint; // all parts, or the single V2/classic file
  public final List<FileStatus> deltas; // ascending, checkpointVersion+1 .. version
  public final List<FileStatus>
      compactions; // ascending start, non-overlapping, inside deltas' range
  public final Optional<FileStatus> checksum;

  public LogSegment(
      String tablePath,
      String logDir,
      long version,
      long checkpointVersion,
      List<FileStatus> checkpoint,
      List<FileStatus> deltas,
      List<FileStatus> compactions,
      Optional<FileStatus> checksum) {
    this.tablePath = tablePath;
    this.logDir = logDir;
    this.version = version;
    this.checkpointVersion = checkpointVersion;
    this.checkpoint = List.copyOf(checkpoint);
    this.deltas = List.copyOf(deltas);
    this.compactions = List.copyOf(compactions);
    this.checksum = checksum;
  }

  /**
   * @return the commit file of the snapshot's own version, if it is not only in a checkpoint
   */
  public Optional<FileStatus> lastDelta() {
    return deltas.isEmpty() ? Optional.empty() : Optional.of(deltas.get(deltas.size() - 1));
  }

  @Override
  public String toString() {
    return "LogSegment{version="
        + version
        + ", checkpointVersion="
        + checkpointVersion
        + ", checkpoint="
        + checkpoint.size()
        + " file(s), deltas="
        + deltas.size()
        + ", compactions="
        + compactions.size()
        + "}";
  }
}
