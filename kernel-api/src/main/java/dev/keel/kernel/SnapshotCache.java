package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.snapshot.SnapshotCacheImpl;

/**
 * A bounded cache of latest snapshots, one per table, that an engine shares across queries. {@link
 * #getLatestSnapshot} validates a cached snapshot by listing only the log files newer than its
 * version ({@link Snapshot#refresh}), so a hit costs one small listing, and a table that moved on
 * costs reading its new commits only.
 *
 * <p>Bounded by entries and by an estimate of the bytes the snapshots keep (schema, properties, the
 * log segment's file list; taken when a snapshot is cached, so the selection of live log rows a
 * snapshot remembers after its first complete listing, about one bit per action, is counted only if
 * the listing came first); the least recently used table goes first, and a snapshot larger than the
 * byte bound on its own is returned but not kept. Thread-safe: concurrent callers may refresh the
 * same table at once, and the newest snapshot wins. Nothing in the cache needs closing.
 *
 * <pre>{@code
 * SnapshotCache cache = SnapshotCache.create(100, 256L << 20);
 * Snapshot latest = cache.getLatestSnapshot(engine, "s3a://bucket/events");
 * }</pre>
 */
@Evolving
public final class SnapshotCache {
  private final SnapshotCacheImpl impl;

  private SnapshotCache(SnapshotCacheImpl impl) {
    this.impl = impl;
  }

  /**
   * @param maxEntries how many tables to keep, at least 1
   * @param maxBytes the most (estimated) heap the kept snapshots may use, at least 1
   * @return an empty cache
   * @throws IllegalArgumentException if a bound is below 1
   */
  public static SnapshotCache create(int maxEntries, long maxBytes) {
    return new SnapshotCache(SnapshotCacheImpl.create(maxEntries, maxBytes));
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
    return impl.getLatestSnapshot(engine, tablePath);
  }

  /**
   * Forgets a table, e.g. after it was dropped or replaced.
   *
   * @param engine the engine, to resolve the path
   * @param tablePath the table root
   */
  public void invalidate(Engine engine, String tablePath) {
    impl.invalidate(engine, tablePath);
  }

  /**
   * @return how many tables are cached
   */
  public int size() {
    return impl.size();
  }

  /**
   * @return the estimated heap the cached snapshots keep, in bytes
   */
  public long estimatedBytes() {
    return impl.estimatedBytes();
  }

  /**
   * @return calls answered with the cached snapshot, because nothing was committed since
   */
  public long hitCount() {
    return impl.hitCount();
  }

  /**
   * @return calls that refreshed a cached snapshot incrementally
   */
  public long refreshCount() {
    return impl.refreshCount();
  }

  /**
   * @return calls that loaded a table not in the cache
   */
  public long loadCount() {
    return impl.loadCount();
  }
}
