package dev.keel.kernel.internal.snapshot;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.actions.ActionReaders;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.log.LogSegmentLoader;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Commit timestamps of a table (PROTOCOL.md, "In-Commit Timestamps"): from the version that enabled
 * in-commit timestamps on (all versions when enabled at creation), the {@code
 * commitInfo.inCommitTimestamp}; before it, the commit files' modification times, made strictly
 * increasing as Delta does (a time not after its predecessor's becomes predecessor + 1 ms). Time
 * travel by timestamp binary-searches these, reading only the commit files it probes.
 */
final class CommitTimestamps {
  private static final StructType COMMIT_INFO = ActionSchemas.of(ActionSchemas.COMMIT_INFO_FIELD);

  private final Engine engine;
  private final String table;
  private final TreeMap<Long, FileStatus> deltas;
  private final long[] versions;
  private final Map<Long, Long> monotonic = new HashMap<>();
  private final boolean ictEnabled;
  private final long ictFromVersion;
  private final Map<Long, Long> ictCache = new HashMap<>();

  CommitTimestamps(Engine engine, SnapshotImpl latest) {
    this.engine = engine;
    this.table = latest.getTablePath();
    this.deltas =
        new TreeMap<>(
            LogSegmentLoader.listDeltas(engine, table).headMap(latest.getVersion(), true));
    this.versions = deltas.keySet().stream().mapToLong(Long::longValue).toArray();
    long prev = Long.MIN_VALUE;
    for (Map.Entry<Long, FileStatus> e : deltas.entrySet()) {
      long t = e.getValue().getModificationTime();
      long mono = prev == Long.MIN_VALUE ? t : Math.max(t, prev + 1);
      monotonic.put(e.getKey(), mono);
      prev = mono;
    }
    Map<String, String> config = latest.getProperties();
    this.ictEnabled =
        TableProperties.of(config).isTrue(TableProperties.ENABLE_IN_COMMIT_TIMESTAMPS);
    long from = 0;
    String enablement = config.get(TableProperties.IN_COMMIT_TIMESTAMP_ENABLEMENT_VERSION);
    if (enablement != null) {
      try {
        from = Long.parseLong(enablement.trim());
      } catch (NumberFormatException e) {
        from = Long.MAX_VALUE; // unreadable: fall back to file times
      }
    }
    this.ictFromVersion = from;
  }

  long timestamp(long version) {
    if (ictEnabled && version >= ictFromVersion) {
      Long cached = ictCache.get(version);
      if (cached == null) {
        cached = readCommitInfo(version).getInCommitTimestamp().orElse(monotonic.get(version));
        ictCache.put(version, cached);
      }
      return cached;
    }
    return monotonic.get(version);
  }

  /**
   * The first version whose commit timestamp is at or after a time (where a range of changes
   * starting then begins).
   *
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the time is after the latest
   *     commit
   */
  long versionAtOrAfter(long timestampMillis) {
    if (versions.length == 0) {
      throw Errors.historyOutOfRange(table, 0, 0, 0, 0);
    }
    long latest = versions[versions.length - 1];
    if (timestampMillis > timestamp(latest)) {
      throw Errors.timestampAfterLatestCommit(table, timestampMillis, timestamp(latest), latest);
    }
    int lo = 0;
    int hi = versions.length - 1; // invariant: timestamp(versions[hi]) >= T
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timestamp(versions[mid]) >= timestampMillis) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return versions[lo];
  }

  long versionAsOf(long timestampMillis) {
    if (versions.length == 0) {
      throw Errors.historyOutOfRange(table, 0, 0, 0, 0);
    }
    long earliest = versions[0];
    long latest = versions[versions.length - 1];
    if (timestampMillis < timestamp(earliest)) {
      throw Errors.timestampBeforeFirstCommit(
          table, timestampMillis, timestamp(earliest), earliest);
    }
    if (timestampMillis > timestamp(latest)) {
      throw Errors.timestampAfterLatestCommit(table, timestampMillis, timestamp(latest), latest);
    }
    int lo = 0;
    int hi = versions.length - 1; // invariant: timestamp(versions[lo]) <= T
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (timestamp(versions[mid]) <= timestampMillis) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return versions[lo];
  }

  List<CommitInfo> history(long fromVersion, long toVersion) {
    if (versions.length == 0
        || fromVersion > toVersion
        || toVersion < versions[0]
        || fromVersion > versions[versions.length - 1]) {
      long earliest = versions.length == 0 ? 0 : versions[0];
      long latest = versions.length == 0 ? 0 : versions[versions.length - 1];
      throw Errors.historyOutOfRange(table, fromVersion, toVersion, earliest, latest);
    }
    List<CommitInfo> out = new ArrayList<>();
    for (Long v : deltas.subMap(fromVersion, true, toVersion, true).descendingKeySet()) {
      out.add(readCommitInfo(v));
    }
    return out;
  }

  private CommitInfo readCommitInfo(long version) {
    FileStatus file = deltas.get(version);
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(CloseableIterator.of(List.of(file)), COMMIT_INFO, Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          ColumnVector ci = r.getData().getColumnVector(0);
          for (int i = 0; i < r.getData().getSize(); i++) {
            if (!ci.isNullAt(i)) {
              Optional<Long> ict = ActionReaders.longValue(ci.getChild(1), i);
              long ts =
                  ictEnabled && version >= ictFromVersion && ict.isPresent()
                      ? ict.get()
                      : monotonic.get(version);
              return Values.make()
                  .commitInfo(
                      version,
                      ts,
                      ict,
                      ActionReaders.string(ci.getChild(2), i),
                      ActionReaders.stringMap(ci.getChild(3), i),
                      ActionReaders.string(ci.getChild(4), i),
                      ci.getChild(5).isNullAt(i)
                          ? Optional.empty()
                          : Optional.of(ci.getChild(5).getBoolean(i)));
            }
          }
        }
      }
    } catch (IOException e) {
      throw Errors.engineFailure("read", file.getPath(), e);
    }
    return Values.make()
        .commitInfo(
            version,
            monotonic.get(version),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            Optional.empty());
  }
}
