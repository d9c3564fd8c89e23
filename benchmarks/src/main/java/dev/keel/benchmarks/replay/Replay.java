package dev.keel.benchmarks.replay;

import dev.keel.kernel.Scan;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.Optional;

/**
 * The workloads the replay benchmarks share: load a snapshot and count its (selected) scan files.
 */
final class Replay {
  private Replay() {}

  /**
   * Keel: a fresh table object, the latest snapshot, and every scan file that survives {@code
   * filter}.
   */
  static long keel(Engine engine, String table, Optional<Predicate> filter) {
    return keelFiles(engine, Table.forPath(engine, table).getLatestSnapshot(engine), filter);
  }

  /** Keel: every scan file of a loaded snapshot that survives {@code filter}. */
  static long keelFiles(
      Engine engine, dev.keel.kernel.Snapshot snapshot, Optional<Predicate> filter) {
    return keelFiles(engine, snapshot, filter, true);
  }

  /**
   * Keel: a fresh table object's scan files, with or without their statistics ({@code
   * withFileStatistics}).
   */
  static long keel(Engine engine, String table, boolean withStatistics) {
    return keelFiles(
        engine,
        Table.forPath(engine, table).getLatestSnapshot(engine),
        Optional.empty(),
        withStatistics);
  }

  private static long keelFiles(
      Engine engine,
      dev.keel.kernel.Snapshot snapshot,
      Optional<Predicate> filter,
      boolean withStatistics) {
    var builder = snapshot.getScanBuilder().withFileStatistics(withStatistics);
    Scan scan = filter.map(builder::withFilter).orElse(builder).build();
    long files = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          files += b.getSelectedCount();
        }
      }
    }
    return files;
  }

  /**
   * Runs both workloads once and fails the trial when they disagree, so a benchmark never times two
   * kernels doing different work.
   */
  static void checkSameFiles(Engine keel, io.delta.kernel.engine.Engine reference, String table)
      throws Exception {
    long k = keel(keel, table, Optional.empty());
    long r = reference(reference, table, Optional.empty());
    if (k != r) {
      throw new IllegalStateException(
          "Keel lists " + k + " files of " + table + ", the reference kernel " + r);
    }
    System.out.println("both kernels list " + k + " files of " + table);
  }

  /** The reference kernel: the same workload through its public API. */
  static long reference(
      io.delta.kernel.engine.Engine engine,
      String table,
      Optional<io.delta.kernel.expressions.Predicate> filter)
      throws Exception {
    return referenceFiles(
        engine, io.delta.kernel.Table.forPath(engine, table).getLatestSnapshot(engine), filter);
  }

  /**
   * The reference kernel: a fresh table object's scan files, with statistics ({@code
   * getScanFiles(engine, true)}) or without ({@code getScanFiles(engine)}, its default).
   */
  static long reference(io.delta.kernel.engine.Engine engine, String table, boolean withStatistics)
      throws Exception {
    return referenceFiles(
        engine,
        io.delta.kernel.Table.forPath(engine, table).getLatestSnapshot(engine),
        Optional.empty(),
        withStatistics);
  }

  /** The reference kernel: every scan file of a loaded snapshot that survives {@code filter}. */
  static long referenceFiles(
      io.delta.kernel.engine.Engine engine,
      io.delta.kernel.Snapshot snapshot,
      Optional<io.delta.kernel.expressions.Predicate> filter)
      throws Exception {
    return referenceFiles(engine, snapshot, filter, false);
  }

  private static long referenceFiles(
      io.delta.kernel.engine.Engine engine,
      io.delta.kernel.Snapshot snapshot,
      Optional<io.delta.kernel.expressions.Predicate> filter,
      boolean withStatistics)
      throws Exception {
    io.delta.kernel.ScanBuilder builder = snapshot.getScanBuilder();
    io.delta.kernel.Scan scan = filter.map(builder::withFilter).orElse(builder).build();
    long files = 0;
    try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> it =
        scan.getScanFiles(engine, withStatistics)) {
      while (it.hasNext()) {
        io.delta.kernel.data.FilteredColumnarBatch b = it.next();
        int n = b.getData().getSize();
        if (b.getSelectionVector().isPresent()) {
          io.delta.kernel.data.ColumnVector sel = b.getSelectionVector().get();
          for (int i = 0; i < n; i++) {
            if (!sel.isNullAt(i) && sel.getBoolean(i)) {
              files++;
            }
          }
        } else {
          files += n;
        }
      }
    }
    return files;
  }
}
