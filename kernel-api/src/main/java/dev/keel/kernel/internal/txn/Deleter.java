package dev.keel.kernel.internal.txn;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.deletionvectors.DeletionVectors;
import dev.keel.kernel.internal.deletionvectors.RoaringBitmapArray;
import dev.keel.kernel.internal.scan.PartitionValues;
import dev.keel.kernel.internal.scan.ScanFileReader;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes by predicate, or by position: reads each file that may hold matching rows (after
 * partition pruning and data skipping), or each file named; a file left without rows is removed,
 * otherwise its deleted rows go into a deletion vector (tables that enable them) or the file is
 * rewritten without them. On change data feed tables the deleted rows of a partial delete are also
 * written as change data.
 */
final class Deleter {
  private final Engine engine;
  private final SnapshotImpl snapshot;
  private final TransactionImpl txn;
  // where rows copied into a new file keep their row ids; empty when the table has none
  private final List<StructField> materialized;

  Deleter(Engine engine, SnapshotImpl snapshot, TransactionImpl txn) {
    this.engine = engine;
    this.snapshot = snapshot;
    this.txn = txn;
    this.materialized = RowIds.materializedColumns(txn.protocol(), snapshot.getProperties());
  }

  long removeWholeFiles(Predicate partitionPredicate) {
    Scan scan = snapshot.getScanBuilder().withFilter(partitionPredicate).build();
    long removed = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            txn.remove(rows.next());
            removed++;
          }
        }
      }
    }
    return removed;
  }

  long delete(Predicate predicate) {
    Scan scan = scanWithRowIds(snapshot.getScanBuilder().withFilter(predicate));
    ScanState state = scan.getScanState();
    try (PredicateEvaluator evaluator =
        engine.getExpressionHandler().getPredicateEvaluator(state.getLogicalSchema(), predicate)) {
      RowMatcher matcher =
          (batch, firstPosition, matched) -> {
            try (ColumnVector match = evaluator.eval(batch.getData(), batch.getSelectionVector())) {
              for (int i = 0; i < batch.getData().getSize(); i++) {
                if (!match.isNullAt(i) && match.getBoolean(i)) {
                  matched.set(i);
                }
              }
            }
          };
      return deleteFromFiles(scan, file -> matcher);
    }
  }

  /**
   * Deletes rows by position: for each file (its path as the log has it), the rows at these
   * physical row indexes.
   *
   * @throws ConcurrentWriteException if a file is not in the snapshot the transaction read
   */
  long deleteRows(Map<String, long[]> positionsByPath) {
    Scan scan = scanWithRowIds(snapshot.getScanBuilder());
    Map<String, long[]> remaining = new HashMap<>(positionsByPath);
    long deleted =
        deleteFromFiles(
            scan,
            file -> {
              long[] positions = remaining.remove(ScanFile.getPath(file));
              if (positions == null) {
                return null;
              }
              long[] sorted = positions.clone();
              java.util.Arrays.sort(sorted);
              return (batch, firstPosition, matched) -> {
                int size = batch.getData().getSize();
                int from = java.util.Arrays.binarySearch(sorted, firstPosition);
                for (int k = from < 0 ? -from - 1 : from;
                    k < sorted.length && sorted[k] < firstPosition + size;
                    k++) {
                  matched.set((int) (sorted[k] - firstPosition));
                }
              };
            });
    if (!remaining.isEmpty()) {
      throw new ConcurrentWriteException(
          "Cannot delete rows of `"
              + remaining.keySet().iterator().next()
              + "` in `"
              + snapshot.getTablePath()
              + "`: the file is not in version "
              + snapshot.getVersion()
              + " of the table (another writer removed it after the rows were read). Run the"
              + " delete again.");
    }
    return deleted;
  }

  /** A scan of the whole table, with the row tracking columns when the table materializes them. */
  private Scan scanWithRowIds(ScanBuilder builder) {
    if (!materialized.isEmpty()) {
      List<StructField> read = new ArrayList<>(snapshot.getSchema().getFields());
      read.addAll(RowIds.READ_COLUMNS);
      builder = builder.withReadSchema(new StructType(read));
    }
    return builder.build();
  }

  /** Which rows of a batch to delete. */
  private interface RowMatcher {
    /**
     * @param batch rows of a file, in order
     * @param firstPosition the physical row index of the batch's first row
     * @param matched where to set the batch rows to delete
     */
    void match(FilteredColumnarBatch batch, long firstPosition, java.util.BitSet matched);
  }

  /**
   * Deletes from every file of the scan that {@code matchers} gives a matcher for (null: the file
   * is left alone).
   */
  private long deleteFromFiles(Scan scan, java.util.function.Function<Row, RowMatcher> matchers) {
    ScanState state = scan.getScanState();
    StructType schema = state.getLogicalSchema();
    // the data columns, then the row tracking columns when read
    List<Integer> dataOrdinals = new ArrayList<>();
    for (int i = 0; i < schema.length(); i++) {
      if (!snapshot.getPartitionColumns().contains(schema.at(i).getName())) {
        dataOrdinals.add(i);
      }
    }
    long deleted = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row file = rows.next();
            RowMatcher matcher = matchers.apply(file);
            if (matcher != null) {
              deleted += rewrite(file, state, matcher, dataOrdinals);
            }
          }
        }
      }
    }
    return deleted;
  }

  /**
   * @return the rows deleted from one file
   */
  private long rewrite(Row file, ScanState state, RowMatcher matcher, List<Integer> dataOrdinals) {
    List<FilteredColumnarBatch> batches = new ArrayList<>();
    List<int[]> kept = new ArrayList<>();
    List<int[]> removedRows = new ArrayList<>();
    long matched = 0;
    long keptRows = 0;
    long position =
        0; // the physical row index of the batch's first row: the reader returns every row, in
    // order
    List<Long> deletedPositions = new ArrayList<>();
    try {
      try (CloseableIterator<FilteredColumnarBatch> data =
          ScanFileReader.read(engine, state, file)) {
        while (data.hasNext()) {
          FilteredColumnarBatch batch = data.next();
          batches.add(batch);
          java.util.BitSet match = new java.util.BitSet(batch.getData().getSize());
          matcher.match(batch, position, match);
          List<Integer> keep = new ArrayList<>();
          List<Integer> gone = new ArrayList<>();
          for (int i = 0; i < batch.getData().getSize(); i++) {
            if (!batch.isSelected(i)) {
              continue; // deleted before (by the file's deletion vector)
            }
            if (match.get(i)) {
              matched++;
              deletedPositions.add(position + i);
              gone.add(i);
            } else {
              keep.add(i);
            }
          }
          position += batch.getData().getSize();
          kept.add(keep.stream().mapToInt(Integer::intValue).toArray());
          removedRows.add(gone.stream().mapToInt(Integer::intValue).toArray());
          keptRows += keep.size();
        }
      }
      if (matched == 0) {
        return 0;
      }
      if (keptRows > 0 && changeDataFeed()) {
        // the change feed reads a removed file as all of its rows deleted; for a partial delete it
        // needs the deleted rows themselves
        txn.addChangeData(
            DataWriter.writeChangeData(
                engine,
                txn.getState(),
                partitionValues(file, state),
                views(
                    batches,
                    removedRows,
                    dataOrdinals.subList(0, dataOrdinals.size() - materialized.size())),
                "delete"));
      }
      if (keptRows > 0 && writesDeletionVectors()) {
        RoaringBitmapArray deleted =
            RoaringBitmapArray.of(deletedPositions.stream().mapToLong(Long::longValue).toArray());
        if (!file.isNullAt(ScanFile.DELETION_VECTOR)) {
          deleted =
              deleted.union(
                  DeletionVectors.load(
                      engine,
                      snapshot.getTablePath(),
                      file.getStruct(ScanFile.DELETION_VECTOR),
                      ScanFile.getPath(file)));
        }
        txn.replaceWithDeletionVector(
            file, DeletionVectors.write(engine, snapshot.getTablePath(), deleted));
        return matched;
      }
      txn.remove(file);
      if (keptRows > 0) {
        List<ColumnarBatch> rewritten = views(batches, kept, dataOrdinals);
        List<AddFile> added =
            DataWriter.write(
                engine,
                txn.getState(),
                partitionValues(file, state),
                CloseableIterator.of(rewritten),
                materialized);
        if (materialized.isEmpty() && RowIds.isSupported(txn.protocol())) {
          txn.rowsCopied(); // no materialized columns named: the kept rows get fresh row ids
        }
        txn.addFiles(added);
      }
      return matched;
    } finally {
      batches.forEach(FilteredColumnarBatch::close);
    }
  }

  /** The given rows of each batch, data columns only; views that share the batches' vectors. */
  private static List<ColumnarBatch> views(
      List<FilteredColumnarBatch> batches, List<int[]> rows, List<Integer> dataOrdinals) {
    int[] columns = dataOrdinals.stream().mapToInt(Integer::intValue).toArray();
    List<ColumnarBatch> out = new ArrayList<>();
    for (int k = 0; k < batches.size(); k++) {
      if (rows.get(k).length > 0) {
        out.add(batches.get(k).getData().view(columns, rows.get(k)));
      }
    }
    return out;
  }

  private boolean changeDataFeed() {
    return TableProperties.of(snapshot.getMetadata().getConfiguration())
        .isTrue(TableProperties.ENABLE_CHANGE_DATA_FEED);
  }

  /**
   * Deletes mark rows in deletion vectors (instead of rewriting files) on tables that enable them.
   */
  private boolean writesDeletionVectors() {
    return snapshot.getProtocol().getWriterFeatures().contains("deletionVectors")
        && TableProperties.of(snapshot.getMetadata().getConfiguration())
            .isTrue(TableProperties.ENABLE_DELETION_VECTORS);
  }

  private Map<String, Literal> partitionValues(Row file, ScanState state) {
    Map<String, String> raw = new HashMap<>();
    if (!file.isNullAt(ScanFile.PARTITION_VALUES)) {
      MapValue m = file.getMap(ScanFile.PARTITION_VALUES);
      for (int i = 0; i < m.getSize(); i++) {
        raw.put(
            m.getKeys().getString(i),
            m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
      }
    }
    Map<String, Literal> out = new HashMap<>();
    for (String column : snapshot.getPartitionColumns()) {
      StructField f = snapshot.getSchema().get(column).orElseThrow();
      String physical = state.getPartitionPhysicalNames().getOrDefault(column, column);
      out.put(
          column,
          PartitionValues.parse(
              column,
              raw.containsKey(physical) ? raw.get(physical) : raw.get(column),
              f.getDataType()));
    }
    return out;
  }
}
