package dev.keel.connectors.trino;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.SnapshotCache;
import dev.keel.kernel.Table;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshots queries read, shared across queries: the latest of each table through Keel's {@link
 * SnapshotCache} (refreshed, not reloaded, when the table moved on), and the versions queries
 * pinned (a planned query, time travel) in a small LRU map.
 */
final class TableSnapshots {
  private static final int PINNED = 32;
  private final Engine engine;
  private final SnapshotCache latest;
  private final Map<String, Snapshot> pinned =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
          return size() > PINNED;
        }
      };

  TableSnapshots(Engine engine, int maxTables) {
    this.engine = engine;
    this.latest = SnapshotCache.create(maxTables, 512L << 20);
  }

  /**
   * @throws KernelException as {@link SnapshotCache#getLatestSnapshot}
   */
  Snapshot latest(String location) {
    Snapshot s = latest.getLatestSnapshot(engine, location);
    pin(location, s);
    return s;
  }

  /**
   * @throws KernelException as {@link Table#getSnapshotAsOfVersion}
   */
  Snapshot at(String location, long version) {
    synchronized (pinned) {
      Snapshot s = pinned.get(location + "@" + version);
      if (s != null) {
        return s;
      }
    }
    Snapshot s = Table.forPath(engine, location).getSnapshotAsOfVersion(engine, version);
    pin(location, s);
    return s;
  }

  /**
   * @throws KernelException as {@link Table#getSnapshotAsOfTimestamp}
   */
  Snapshot atTimestamp(String location, long millis) {
    Snapshot s = Table.forPath(engine, location).getSnapshotAsOfTimestamp(engine, millis);
    pin(location, s);
    return s;
  }

  /** Forgets every snapshot of a table (it was dropped; a new one may be created there). */
  void forget(String location) {
    latest.invalidate(engine, location);
    synchronized (pinned) {
      pinned.keySet().removeIf(k -> k.startsWith(location + "@"));
    }
  }

  private void pin(String location, Snapshot s) {
    synchronized (pinned) {
      pinned.put(location + "@" + s.getVersion(), s);
    }
  }
}
