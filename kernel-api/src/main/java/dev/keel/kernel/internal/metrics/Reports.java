package dev.keel.kernel.internal.metrics;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.MetricsReport;
import dev.keel.kernel.engine.MetricsReporter;
import dev.keel.kernel.metrics.CommitReport;
import dev.keel.kernel.metrics.DataReadReport;
import dev.keel.kernel.metrics.ScanReport;
import dev.keel.kernel.metrics.SnapshotReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The kernel's report values, and their delivery to an engine's reporters. */
public final class Reports {
  private Reports() {}

  /**
   * Hands a report to every reporter of the engine. A reporter that throws is skipped: metrics
   * never fail the operation they describe.
   */
  public static void emit(Engine engine, MetricsReport report) {
    for (MetricsReporter r : engine.getMetricsReporters()) {
      try {
        r.report(report);
      } catch (RuntimeException ignored) {
        // a broken reporter must not fail a read or a commit
      }
    }
  }

  /**
   * @return true when the engine has a reporter, so figures are worth counting
   */
  public static boolean wanted(Engine engine) {
    return !engine.getMetricsReporters().isEmpty();
  }

  private static Map<String, Long> figures(Object... namesAndValues) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      m.put(
          (String) namesAndValues[i],
          v instanceof Boolean ? ((Boolean) v ? 1L : 0L) : ((Number) v).longValue());
    }
    return Collections.unmodifiableMap(m);
  }

  /** A snapshot load or refresh. */
  public record Snapshot(
      String getTablePath,
      long getVersion,
      Optional<Long> getCheckpointVersion,
      long getCommitsInSegment,
      long getFilesRead,
      long getBytesRead,
      long getDurationNanos,
      boolean isRefresh)
      implements SnapshotReport {
    @Override
    public String getOperation() {
      return "snapshot";
    }

    @Override
    public Map<String, Long> getMetrics() {
      return figures(
          "version",
          getVersion,
          "checkpointVersion",
          getCheckpointVersion.orElse(-1L),
          "commitsInSegment",
          getCommitsInSegment,
          "filesRead",
          getFilesRead,
          "bytesRead",
          getBytesRead,
          "durationNanos",
          getDurationNanos,
          "refresh",
          isRefresh);
    }
  }

  /** A listing of a scan's files. */
  public record Scan(
      String getTablePath,
      long getVersion,
      long getFilesConsidered,
      long getFilesPrunedByPartition,
      long getFilesSkippedByStatistics,
      long getFilesReturned,
      long getDurationNanos,
      boolean isComplete)
      implements ScanReport {
    @Override
    public String getOperation() {
      return "scan";
    }

    @Override
    public Map<String, Long> getMetrics() {
      return figures(
          "version",
          getVersion,
          "filesConsidered",
          getFilesConsidered,
          "filesPrunedByPartition",
          getFilesPrunedByPartition,
          "filesSkippedByStatistics",
          getFilesSkippedByStatistics,
          "filesReturned",
          getFilesReturned,
          "durationNanos",
          getDurationNanos,
          "complete",
          isComplete);
    }
  }

  /** A read of a scan's data. */
  public record DataRead(
      String getTablePath,
      long getVersion,
      long getFilesRead,
      long getRowsReturned,
      long getBytesRead,
      long getDurationNanos)
      implements DataReadReport {
    @Override
    public String getOperation() {
      return "read";
    }

    @Override
    public Map<String, Long> getMetrics() {
      return figures(
          "version",
          getVersion,
          "filesRead",
          getFilesRead,
          "rowsReturned",
          getRowsReturned,
          "bytesRead",
          getBytesRead,
          "durationNanos",
          getDurationNanos);
    }
  }

  /** A successful commit. */
  public record Commit(
      String getTablePath,
      long getVersion,
      int getAttempts,
      long getFilesAdded,
      long getFilesRemoved,
      long getDurationNanos)
      implements CommitReport {
    @Override
    public int getConflicts() {
      return getAttempts - 1;
    }

    @Override
    public String getOperation() {
      return "commit";
    }

    @Override
    public Map<String, Long> getMetrics() {
      return figures(
          "version",
          getVersion,
          "attempts",
          getAttempts,
          "conflicts",
          getConflicts(),
          "filesAdded",
          getFilesAdded,
          "filesRemoved",
          getFilesRemoved,
          "durationNanos",
          getDurationNanos);
    }
  }
}
