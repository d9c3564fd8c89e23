package dev.keel.kernel.internal.snapshot;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.internal.log.LogSegmentLoader;
import dev.keel.kernel.internal.metrics.CountingEngine;
import dev.keel.kernel.internal.metrics.Reports;
import dev.keel.kernel.internal.replay.ProtocolAndMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads snapshots for the kernel's own use. Internal code (transactions, checkpoints, the snapshot
 * cache) loads through here, never through the public {@code Table}, and gets the {@link
 * SnapshotImpl} without a cast.
 */
public final class SnapshotLoader {
  private SnapshotLoader() {}

  /**
   * @param engine the engine whose file system qualifies the path
   * @param path a table root as a user wrote it
   * @return the fully qualified table root, without a trailing slash
   */
  public static String resolvePath(Engine engine, String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    try {
      return engine.getFileSystemClient().resolvePath(p);
    } catch (IOException e) {
      throw Errors.engineFailure("resolve the table path", path, e);
    }
  }

  /**
   * @return the latest snapshot of a resolved table root
   */
  public static SnapshotImpl latest(Engine engine, String tablePath) {
    return load(engine, tablePath, Optional.empty());
  }

  /**
   * @return the snapshot at a version of a resolved table root
   */
  public static SnapshotImpl atVersion(Engine engine, String tablePath, long version) {
    if (version < 0) {
      throw Errors.negativeVersion(tablePath, version);
    }
    return load(engine, tablePath, Optional.of(version));
  }

  /**
   * @return the snapshot current at a time; see {@code Table.getSnapshotAsOfTimestamp}
   */
  public static SnapshotImpl asOfTimestamp(Engine engine, String tablePath, long timestampMillis) {
    SnapshotImpl latest = latest(engine, tablePath);
    long version = new CommitTimestamps(engine, latest).versionAsOf(timestampMillis);
    return version == latest.getVersion() ? latest : atVersion(engine, tablePath, version);
  }

  /**
   * @return the first version committed at or after a time; see {@code
   *     ChangesBuilder.fromTimestamp}
   */
  public static long versionAtOrAfter(Engine engine, String tablePath, long timestampMillis) {
    return new CommitTimestamps(engine, latest(engine, tablePath))
        .versionAtOrAfter(timestampMillis);
  }

  /**
   * @return the newest version committed at or before a time; see {@code
   *     ChangesBuilder.toTimestamp}
   */
  public static long versionAsOf(Engine engine, String tablePath, long timestampMillis) {
    return new CommitTimestamps(engine, latest(engine, tablePath)).versionAsOf(timestampMillis);
  }

  /**
   * @return the commit infos of a range of versions, newest first; see {@code Table.getHistory}
   */
  public static List<CommitInfo> history(
      Engine engine, String tablePath, long fromVersion, long toVersion) {
    return new CommitTimestamps(engine, latest(engine, tablePath)).history(fromVersion, toVersion);
  }

  /**
   * The snapshot at {@code version}, starting from one already loaded: itself when it is that
   * version, its refresh when that lands on the version, else a load of the version.
   */
  public static SnapshotImpl atVersion(Engine engine, SnapshotImpl known, long version) {
    if (known.getVersion() == version) {
      return known;
    }
    if (known.getVersion() < version) {
      SnapshotImpl refreshed = known.refresh(engine);
      if (refreshed.getVersion() == version) {
        return refreshed;
      }
    }
    return atVersion(engine, known.getTablePath(), version);
  }

  private static SnapshotImpl load(Engine engine, String tablePath, Optional<Long> version) {
    return measured(
            engine,
            false,
            e -> {
              LogSegment segment = LogSegmentLoader.load(e, tablePath, version);
              return Optional.of(new SnapshotImpl(segment, ProtocolAndMetadata.load(e, segment)));
            })
        .orElseThrow();
  }

  /**
   * Runs a load and, when the engine has metrics reporters, reports what it read: the load runs on
   * a {@link CountingEngine} around the engine then, on the engine itself otherwise.
   *
   * @param load the load; empty when there was nothing new (a refresh), which is not reported
   */
  static Optional<SnapshotImpl> measured(
      Engine engine, boolean refresh, Function<Engine, Optional<SnapshotImpl>> load) {
    if (!Reports.wanted(engine)) {
      return load.apply(engine);
    }
    long start = System.nanoTime();
    CountingEngine counting = new CountingEngine(engine);
    Optional<SnapshotImpl> loaded = load.apply(counting);
    loaded.ifPresent(
        s -> {
          LogSegment segment = s.getLogSegment();
          Reports.emit(
              engine,
              new Reports.Snapshot(
                  s.getTablePath(),
                  s.getVersion(),
                  segment.checkpoint.isEmpty()
                      ? Optional.empty()
                      : Optional.of(segment.checkpointVersion),
                  segment.deltas.size(),
                  counting.filesRead(),
                  counting.bytesRead(),
                  System.nanoTime() - start,
                  refresh));
        });
    return loaded;
  }
}
