package dev.keel.kernel.defaults.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.SnapshotCache;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestSnapshotCache extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  private String create(String name) {
    String table = dir.resolve(name).toString();
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    return table;
  }

  private void append(String table, long id) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, dir, "{\"id\":" + id + "}"));
    t.commit(engine);
  }

  @Test
  void answersFromTheCacheUntilTheTableMovesOn() {
    String t = create("a");
    SnapshotCache cache = SnapshotCache.create(10, 1L << 30);
    Snapshot first = cache.getLatestSnapshot(engine, t);
    assertThat(cache.getLatestSnapshot(engine, t)).isSameAs(first);
    assertThat(cache.getLatestSnapshot(engine, t + "/"))
        .as("the same table, spelled differently")
        .isSameAs(first);
    append(t, 1);
    Snapshot second = cache.getLatestSnapshot(engine, t);
    assertThat(second.getVersion()).isEqualTo(1);
    long whenCached = ((SnapshotImpl) second).estimatedSizeBytes();
    assertThat(TestBatches.canonicalRows(engine, second)).containsExactly("{\"id\":1}");
    assertThat(cache.getLatestSnapshot(engine, t)).isSameAs(second);
    assertThat(List.of(cache.loadCount(), cache.hitCount(), cache.refreshCount()))
        .containsExactly(1L, 3L, 1L);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.estimatedBytes()).isEqualTo(whenCached).isPositive();
    assertThat(((SnapshotImpl) second).estimatedSizeBytes())
        .as(
            "the listing's remembered selection, counted by the"
                + " snapshot but not by the cache that weighed it before")
        .isGreaterThan(whenCached);
  }

  @Test
  void evictsTheLeastRecentlyUsedTableBeyondTheEntryBound() {
    String a = create("a");
    String b = create("b");
    String c = create("c");
    SnapshotCache cache = SnapshotCache.create(2, 1L << 30);
    cache.getLatestSnapshot(engine, a);
    cache.getLatestSnapshot(engine, b);
    cache.getLatestSnapshot(engine, a); // b is now the least recently used
    cache.getLatestSnapshot(engine, c);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.loadCount()).isEqualTo(3);
    cache.getLatestSnapshot(engine, a);
    assertThat(cache.loadCount()).as("a stayed").isEqualTo(3);
    cache.getLatestSnapshot(engine, b);
    assertThat(cache.loadCount()).as("b was evicted").isEqualTo(4);
  }

  @Test
  void staysWithinTheByteBound() {
    String a = create("a");
    String b = create("b");
    long one =
        ((SnapshotImpl) Table.forPath(engine, a).getLatestSnapshot(engine)).estimatedSizeBytes();
    SnapshotCache cache = SnapshotCache.create(100, one + one / 2);
    cache.getLatestSnapshot(engine, a);
    cache.getLatestSnapshot(engine, b);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.estimatedBytes()).isLessThanOrEqualTo(one + one / 2);
    SnapshotCache tiny = SnapshotCache.create(100, 1);
    assertThat(tiny.getLatestSnapshot(engine, a).getVersion()).isEqualTo(0);
    assertThat(tiny.size()).as("too big to keep, still returned").isEqualTo(0);
  }

  @Test
  void forgetsAnInvalidatedTable() {
    String a = create("a");
    SnapshotCache cache = SnapshotCache.create(10, 1L << 30);
    cache.getLatestSnapshot(engine, a);
    cache.invalidate(engine, a);
    assertThat(cache.size()).isZero();
    assertThat(cache.estimatedBytes()).isZero();
    cache.getLatestSnapshot(engine, a);
    assertThat(cache.loadCount()).isEqualTo(2);
  }

  @Test
  void refusesEmptyBounds() {
    assertThatThrownBy(() -> SnapshotCache.create(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A snapshot cache needs at least 1 entry and 1 byte, not 0 entries and 10 bytes.");
  }

  @Test
  void concurrentReadersNeverGoBackInVersion() throws Exception {
    String a = create("a");
    SnapshotCache cache = SnapshotCache.create(10, 1L << 30);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(
            pool.submit(
                () -> {
                  List<Long> seen = new ArrayList<>();
                  try (DefaultEngine own = DefaultEngine.create()) {
                    for (int i = 0; i < 40; i++) {
                      seen.add(cache.getLatestSnapshot(own, a).getVersion());
                    }
                  }
                  return seen;
                }));
      }
      for (int i = 1; i <= 10; i++) {
        append(a, i);
      }
      for (Future<List<Long>> f : readers) {
        List<Long> seen = f.get();
        assertThat(seen).isSorted();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.getLatestSnapshot(engine, a).getVersion()).isEqualTo(10);
  }
}
