package dev.keel.connectors.trino;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a scan with Keel on the coordinator: one split per live data file (per part of a file
 * larger than {@code keel.max-split-size}), each carrying the scan state and the file's scan row as
 * JSON, for a worker to read without replaying the log.
 */
final class KeelSplitManager implements ConnectorSplitManager {
  private final Engine engine;
  private final TableSnapshots snapshots;

  private final TableChanges tableChanges;

  private final long maxSplitSize;

  KeelSplitManager(
      Engine engine, TableSnapshots snapshots, TableChanges tableChanges, long maxSplitSize) {
    this.maxSplitSize = maxSplitSize;
    this.engine = engine;
    this.snapshots = snapshots;
    this.tableChanges = tableChanges;
  }

  @Override
  public ConnectorSplitSource getSplits(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      io.trino.spi.function.table.ConnectorTableFunctionHandle function) {
    return tableChanges.splits(function);
  }

  @Override
  public ConnectorSplitSource getSplits(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      ConnectorTableHandle table,
      Set<ColumnHandle> dynamicFilterColumns,
      Constraint constraint) {
    KeelTableHandle t = (KeelTableHandle) table;
    try {
      Snapshot snapshot = snapshots.at(t.location(), t.version());
      // workers need no statistics: leave them out of the splits (Keel still reads them where
      // the filter skips files by them)
      Scan scan = scanBuilder(snapshot, t).withFileStatistics(false).build();
      return new KeelSplitSource(
          scan.getScanState().toJson(), scan.getScanFiles(engine), t, maxSplitSize);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  /**
   * Hands out splits as Trino asks for them, listing Keel's scan files batch by batch: workers
   * start reading the first files while the rest of the table is still being listed.
   */
  private static final class KeelSplitSource implements ConnectorSplitSource {
    private final String state;
    private final CloseableIterator<FilteredColumnarBatch> files;
    private final KeelTableHandle table;
    private final long maxSplitSize;
    private final java.util.ArrayDeque<ConnectorSplit> ready = new java.util.ArrayDeque<>();
    private boolean listed;

    KeelSplitSource(
        String state,
        CloseableIterator<FilteredColumnarBatch> files,
        KeelTableHandle table,
        long maxSplitSize) {
      this.state = state;
      this.files = files;
      this.table = table;
      this.maxSplitSize = maxSplitSize;
    }

    /** One split per file, or per part of a file larger than the maximum split size. */
    private void add(Row file) {
      String json = ScanFile.toJson(file);
      String path = ScanFile.getPath(file);
      long size = ScanFile.getSize(file);
      long start = 0;
      do {
        long length = Math.min(maxSplitSize, size - start);
        ready.add(new KeelSplit(state, json, path, size, start, length, table.limit()));
        start += length;
      } while (start < size);
    }

    @Override
    public java.util.concurrent.CompletableFuture<List<ConnectorSplit>> getNextBatch(
        int maxSize, io.trino.spi.connector.DynamicFilterSnapshot dynamicFilter) {
      try {
        while (ready.size() < maxSize && !listed) {
          if (!files.hasNext()) {
            listed = true;
            files.close();
            break;
          }
          try (FilteredColumnarBatch batch = files.next();
              CloseableIterator<Row> rows = batch.getRows()) {
            while (rows.hasNext()) {
              add(rows.next());
            }
          }
        }
      } catch (KernelException e) {
        return java.util.concurrent.CompletableFuture.failedFuture(KeelErrorCode.fromKernel(e));
      }
      List<ConnectorSplit> out = new ArrayList<>(Math.min(maxSize, ready.size()));
      while (out.size() < maxSize && !ready.isEmpty()) {
        out.add(ready.poll());
      }
      return java.util.concurrent.CompletableFuture.completedFuture(out);
    }

    @Override
    public boolean isFinished() {
      return listed && ready.isEmpty();
    }

    @Override
    public void close() {
      files.close();
    }
  }

  /**
   * A scan of the columns the query reads; with none (a count), of one column, so that files still
   * give their row counts.
   */
  static ScanBuilder scanBuilder(Snapshot snapshot, KeelTableHandle t) {
    ScanBuilder b = snapshot.getScanBuilder();
    Optional<Predicate> filter = KeelPredicates.toKeel(t.filter(), snapshot.getSchema());
    if (filter.isPresent()) {
      b = b.withFilter(filter.get());
    }
    StructType schema = snapshot.getSchema();
    if (t.projection().isEmpty()) {
      // every column, and the row index in case the engine asks for row ids
      return b.withReadSchema(schema.add(MetadataColumns.ROW_INDEX));
    }
    List<StructField> read = new ArrayList<>();
    boolean rowIds = false;
    for (KeelColumnHandle c : t.projection().get()) {
      if (c.isRowId()) {
        rowIds = true;
      } else {
        read.add(schema.get(c.name()).orElseThrow());
      }
    }
    if (read.isEmpty()) {
      List<String> partitions = snapshot.getPartitionColumns();
      read.add(partitions.isEmpty() ? schema.at(0) : schema.get(partitions.get(0)).orElseThrow());
    }
    if (rowIds) {
      read.add(MetadataColumns.ROW_INDEX);
    }
    return b.withReadSchema(new StructType(read));
  }
}
