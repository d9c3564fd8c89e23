package dev.keel.connectors.flink;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads splits one after another on the fetcher thread: each fetch returns one Keel batch of the
 * current file as rows, skipping the rows a restored split had already emitted. Owns a Keel engine
 * for the reader's lifetime.
 */
final class KeelSplitReader implements SplitReader<RowData, KeelSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(KeelSplitReader.class);

  private final DefaultEngine engine;
  private final int outputWidth;
  private final Predicate filter;
  private PredicateEvaluator evaluator;
  private final Deque<KeelSplit> splits = new ArrayDeque<>();
  private KeelSplit current;
  private CloseableIterator<FilteredColumnarBatch> batches;

  /** The current file's produced columns (visible ones among the first outputWidth)... */
  private int[] columns;

  /** ...and the reader of each. */
  private RowDataConverter.Reader[] readers;

  private long toSkip;

  KeelSplitReader(KeelSource source) {
    this.engine = source.newEngine();
    this.outputWidth = source.outputWidth();
    this.filter = source.filter().orElse(null);
  }

  @Override
  public RecordsWithSplitIds<RowData> fetch() {
    if (current == null) {
      current = splits.poll();
      if (current == null) {
        return new RecordsBySplits<>(Map.of(), Set.of());
      }
      ScanState state = ScanState.fromJson(current.scanState());
      StructType schema = state.getLogicalSchema();
      prepareColumns(schema);
      if (filter != null) {
        evaluator = engine.getExpressionHandler().getPredicateEvaluator(schema, filter);
      }
      toSkip = current.rowsEmitted();
      batches = state.readFile(engine, ScanFile.fromJson(current.scanFile()));
    }
    String id = current.splitId();
    if (!batches.hasNext()) {
      finishCurrent();
      return new RecordsBySplits<>(Map.of(), Set.of(id));
    }
    try (FilteredColumnarBatch batch = batches.next()) {
      ColumnarBatch data = batch.getData();
      int[] emit = new int[data.getSize()];
      int n = 0;
      ColumnVector selected =
          evaluator == null ? null : evaluator.eval(data, batch.getSelectionVector());
      try {
        for (int r = 0; r < data.getSize(); r++) {
          if (selected == null
              ? !batch.isSelected(r)
              : selected.isNullAt(r) || !selected.getBoolean(r)) {
            continue;
          }
          if (toSkip > 0) {
            toSkip--;
            continue;
          }
          emit[n++] = r;
        }
      } finally {
        if (selected != null) {
          selected.close();
        }
      }
      return new RecordsBySplits<>(Map.of(id, rows(data, emit, n)), Set.of());
    }
  }

  /** Rows {@code emit[0..n)} of the batch, converted column by column. */
  /** The produced columns of a file of this schema and their readers, chosen once per file. */
  private void prepareColumns(StructType schema) {
    List<Integer> visible = new ArrayList<>(outputWidth);
    for (int c = 0; c < outputWidth; c++) {
      if (RowDataConverter.isVisible(schema.at(c).getDataType())) {
        visible.add(c);
      }
    }
    columns = visible.stream().mapToInt(Integer::intValue).toArray();
    readers = new RowDataConverter.Reader[columns.length];
    for (int k = 0; k < columns.length; k++) {
      readers[k] = RowDataConverter.reader(schema.at(columns[k]).getDataType());
    }
  }

  private List<RowData> rows(ColumnarBatch data, int[] emit, int n) {
    Object[][] values = new Object[n][columns.length];
    for (int k = 0; k < columns.length; k++) {
      ColumnVector v = data.getColumnVector(columns[k]);
      RowDataConverter.Reader reader = readers[k];
      for (int j = 0; j < n; j++) {
        values[j][k] = reader.read(v, emit[j]);
      }
    }
    List<RowData> rows = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      rows.add(GenericRowData.of(values[j]));
    }
    return rows;
  }

  private void finishCurrent() {
    if (evaluator != null) {
      evaluator.close();
      evaluator = null;
    }
    if (batches != null) {
      batches.close();
      batches = null;
    }
    current = null;
  }

  @Override
  public void handleSplitsChanges(SplitsChange<KeelSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException(
          "Keel's source reader only adds splits, not " + change.getClass().getSimpleName());
    }
    splits.addAll(change.splits());
  }

  @Override
  public void wakeUp() {}

  /**
   * Closes the open file and the engine; a failed job must still free its slot, so never throws.
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      finishCurrent();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      engine.close();
    } catch (RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        failure = e;
      }
    }
    if (failure != null) {
      LOG.warn("Closing Keel's split reader failed", failure);
    }
  }
}
