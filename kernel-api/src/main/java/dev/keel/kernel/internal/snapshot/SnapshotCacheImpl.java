package dev.keel.kernel.internal.snapshot;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.engine.Engine;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshot cache behind the public {@code SnapshotCache}: an LRU map of latest snapshots,
 * bounded by entries and bytes.
 */
public final class SnapshotCacheImpl {
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long refreshes;
  private long loads;

  private static final class Entry {
    final SnapshotImpl snapshot;
    final long bytes;

    Entry(SnapshotImpl snapshot) {
      this.snapshot = snapshot;
      this.bytes = snapshot.estimatedSizeBytes();
    }
  }

  private SnapshotCacheImpl(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** Checks the bounds; see {@code SnapshotCache.create}. */
  public static SnapshotCacheImpl create(int maxEntries, long maxBytes) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "A snapshot cache needs at least 1 entry and 1 byte, not "
              + maxEntries
              + " entries and "
              + maxBytes
              + " bytes.");
    }
    return new SnapshotCacheImpl(maxEntries, maxBytes);
  }

  public Snapshot getLatestSnapshot(Engine engine, String tablePath) {
    String key = SnapshotLoader.resolvePath(engine, tablePath);
    SnapshotImpl cached;
    synchronized (this) {
      Entry e = entries.get(key);
      cached = e == null ? null : e.snapshot;
    }
    SnapshotImpl latest;
    if (cached == null) {
      latest = SnapshotLoader.latest(engine, key);
      synchronized (this) {
        loads++;
      }
    } else {
      latest = cached.refresh(engine);
      synchronized (this) {
        if (latest == cached) {
          hits++;
        } else {
          refreshes++;
        }
      }
    }
    put(key, latest);
    return latest;
  }

  private synchronized void put(String key, SnapshotImpl snapshot) {
    Entry old = entries.get(key);
    if (old != null && old.snapshot.getVersion() >= snapshot.getVersion()) {
      return; // a concurrent caller already cached this version or a newer one
    }
    if (old != null) {
      entries.remove(key);
      bytes -= old.bytes;
    }
    Entry e = new Entry(snapshot);
    entries.put(key, e);
    bytes += e.bytes;
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
      Entry evicted = eldest.next().getValue();
      eldest.remove();
      bytes -= evicted.bytes;
    }
  }

  public synchronized void invalidate(Engine engine, String tablePath) {
    Entry e = entries.remove(SnapshotLoader.resolvePath(engine, tablePath));
    if (e != null) {
      bytes -= e.bytes;
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long estimatedBytes() {
    return bytes;
  }

  public synchronized long hitCount() {
    return hits;
  }

  public synchronized long refreshCount() {
    return refreshes;
  }

  public synchronized long loadCount() {
    return loads;
  }
}
