package dev.keel.kernel;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of latest snapshots, one per table, that an engine shares across queries.
 * {@link #getLatestSnapshot} validates a cached snapshot by listing only the log files newer than
 * its version ({@link Snapshot#refresh}), so a hit costs one small listing, and a table that moved
 * on costs reading its new commits only.
 *
 * <p>Bounded by entries and by an estimate of the bytes the snapshots keep (schema, properties,
 * the log segment's file list; taken when a snapshot is cached, so the selection of live log
 * rows a snapshot remembers after its first complete listing, about one bit per action, is
 * counted only if the listing came first); the least recently used table goes first, and a snapshot larger
 * than the byte bound on its own is returned but not kept. Thread-safe: concurrent
 * callers may refresh the same table at once, and the newest snapshot wins. Nothing in the cache
 * needs closing.
 *
 * <pre>{@code
 * SnapshotCache cache = SnapshotCache.create(100, 256L << 20);
 * Snapshot latest = cache.getLatestSnapshot(engine, "s3a://bucket/events");
 * }</pre>
 */
public final class SnapshotCache {
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long refreshes;
  private long loads;

  private static final class Entry {
    final Snapshot snapshot;
    final long bytes;

    Entry(Snapshot snapshot) {
      this.snapshot = snapshot;
      this.bytes = snapshot instanceof SnapshotImpl ? ((SnapshotImpl) snapshot).estimatedSizeBytes() : 0;
    }
  }

  private SnapshotCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * @param maxEntries how many tables to keep, at least 1
   * @param maxBytes the most (estimated) heap the kept snapshots may use, at least 1
   * @return an empty cache
   * @throws IllegalArgumentException if a bound is below 1
   */
  public static SnapshotCache create(int maxEntries, long maxBytes) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("A snapshot cache needs at least 1 entry and 1 byte, not " + maxEntries
          + " entries and " + maxBytes + " bytes.");
    }
    return new SnapshotCache(maxEntries, maxBytes);
  }

  /**
   * The latest snapshot of a table: the cached one when nothing was committed since, refreshed
   * incrementally when the table moved on, loaded in full when the table is not cached.
   *
   * @param engine the engine
   * @param tablePath the table root, resolved through the engine's file system
   * @return the latest snapshot
   * @throws dev.keel.kernel.exceptions.KernelException as {@link Table#getLatestSnapshot} and
   *     {@link Snapshot#refresh}; a failed refresh leaves the cached snapshot in place
   */
  public Snapshot getLatestSnapshot(Engine engine, String tablePath) {
    String key = Table.forPath(engine, tablePath).getPath();
    Snapshot cached;
    synchronized (this) {
      Entry e = entries.get(key);
      cached = e == null ? null : e.snapshot;
    }
    Snapshot latest;
    if (cached == null) {
      latest = Table.forPath(engine, key).getLatestSnapshot(engine);
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

  private synchronized void put(String key, Snapshot snapshot) {
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

  /** Forgets a table, e.g. after it was dropped or replaced. */
  public synchronized void invalidate(Engine engine, String tablePath) {
    Entry e = entries.remove(Table.forPath(engine, tablePath).getPath());
    if (e != null) {
      bytes -= e.bytes;
    }
  }

  /** @return how many tables are cached */
  public synchronized int size() {
    return entries.size();
  }

  /** @return the estimated heap the cached snapshots keep, in bytes */
  public synchronized long estimatedBytes() {
    return bytes;
  }

  /** @return calls answered with the cached snapshot, because nothing was committed since */
  public synchronized long hitCount() {
    return hits;
  }

  /** @return calls that refreshed a cached snapshot incrementally */
  public synchronized long refreshCount() {
    return refreshes;
  }

  /** @return calls that loaded a table not in the cache */
  public synchronized long loadCount() {
    return loads;
  }
}
