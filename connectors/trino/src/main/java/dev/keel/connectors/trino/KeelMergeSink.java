package dev.keel.connectors.trino;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.engine.Engine;
import io.airlift.slice.Slice;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.SqlRow;
import io.trino.spi.connector.ConnectorMergeSink;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.VarcharType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A worker's share of a {@code DELETE}, {@code UPDATE} or {@code MERGE}: deleted rows are noted by
 * file and row index (from the row id column), inserted rows (new rows, and new versions of updated
 * ones) are written as data files through a {@link KeelPageSink}; the coordinator commits both in
 * one Keel transaction.
 */
final class KeelMergeSink implements ConnectorMergeSink {
  private final KeelPageSink inserts;
  private final int dataColumns;
  private final RowType rowIdType = (RowType) KeelColumnHandle.rowId().type();
  private final Map<String, List<Long>> deleted = new HashMap<>();

  KeelMergeSink(Engine engine, KeelMergeHandle handle) {
    this.inserts = new KeelPageSink(engine, handle.write());
    this.dataColumns = handle.write().columns().size();
  }

  @Override
  public void storeMergedRows(Page page) {
    int channels = page.getChannelCount();
    Block operations = page.getBlock(channels - 3);
    Block rowIds = page.getBlock(channels - 1);
    int[] insertPositions = new int[page.getPositionCount()];
    int inserted = 0;
    for (int p = 0; p < page.getPositionCount(); p++) {
      int op = (int) TinyintType.TINYINT.getLong(operations, p);
      if (op == DELETE_OPERATION_NUMBER || op == UPDATE_DELETE_OPERATION_NUMBER) {
        SqlRow id = rowIdType.getObject(rowIds, p);
        String file =
            VarcharType.VARCHAR.getSlice(id.getRawFieldBlock(0), id.getRawIndex()).toStringUtf8();
        long row = BigintType.BIGINT.getLong(id.getRawFieldBlock(1), id.getRawIndex());
        deleted.computeIfAbsent(file, f -> new ArrayList<>()).add(row);
      } else if (op == INSERT_OPERATION_NUMBER || op == UPDATE_INSERT_OPERATION_NUMBER) {
        insertPositions[inserted++] = p;
      } else {
        throw new IllegalStateException("Unexpected merge operation " + op);
      }
    }
    if (inserted > 0) {
      int[] columns = new int[dataColumns];
      for (int c = 0; c < dataColumns; c++) {
        columns[c] = c;
      }
      inserts.appendPage(page.getColumns(columns).getPositions(insertPositions, 0, inserted));
    }
  }

  @Override
  public CompletableFuture<Collection<Slice>> finish() {
    List<Slice> fragments = new ArrayList<>();
    for (Slice added : inserts.finish().join()) {
      fragments.add(MergeFragments.added(AddFile.fromJson(added.toStringUtf8())));
    }
    deleted.forEach(
        (file, rows) ->
            fragments.add(
                MergeFragments.deleted(file, rows.stream().mapToLong(Long::longValue).toArray())));
    return CompletableFuture.completedFuture(fragments);
  }

  @Override
  public void abort() {
    inserts.abort();
  }
}
