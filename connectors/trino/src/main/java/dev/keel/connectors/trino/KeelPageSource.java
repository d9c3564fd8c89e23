package dev.keel.connectors.trino;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import io.airlift.slice.Slices;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.RowBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.VarcharType;
import java.util.List;
import java.util.Optional;

/**
 * Reads one split on a worker: the file through {@link ScanState#readFile} (deletion vectors,
 * partition values, column mapping and type widening applied by Keel), its selected rows copied
 * into Trino blocks of the requested columns.
 */
final class KeelPageSource implements ConnectorPageSource {
  private final List<KeelColumnHandle> columns;
  private final int[] ordinals;
  private final DataType[] keelTypes;
  private final CloseableIterator<FilteredColumnarBatch> batches;
  private final long length;
  private final String path;
  private long remaining;
  private long readNanos;
  private long completedPositions;
  private boolean finished;

  KeelPageSource(Engine engine, KeelSplit split, List<KeelColumnHandle> columns) {
    this.columns = columns;
    this.length = split.length();
    this.path = split.path();
    this.remaining = split.limit().orElse(Long.MAX_VALUE);
    long start = System.nanoTime();
    try {
      ScanState state = ScanState.fromJson(split.scanState());
      StructType schema = state.getLogicalSchema();
      ordinals = new int[columns.size()];
      keelTypes = new DataType[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        ordinals[i] =
            schema.indexOf(
                columns.get(i).isRowId()
                    ? MetadataColumns.ROW_INDEX.getName()
                    : columns.get(i).name());
        if (ordinals[i] < 0) {
          throw new IllegalStateException(
              "The scan of " + split.path() + " has no column " + columns.get(i).name());
        }
        keelTypes[i] = schema.at(ordinals[i]).getDataType();
      }
      batches =
          split.isWholeFile()
              ? state.readFile(engine, ScanFile.fromJson(split.scanFile()))
              : state.readFile(
                  engine, ScanFile.fromJson(split.scanFile()), split.start(), split.length());
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    } finally {
      readNanos += System.nanoTime() - start;
    }
  }

  @Override
  public SourcePage getNextSourcePage() {
    if (finished) {
      return null;
    }
    long start = System.nanoTime();
    try {
      if (remaining <= 0 || !batches.hasNext()) {
        finished = true;
        return null;
      }
      try (FilteredColumnarBatch batch = batches.next()) {
        return page(batch);
      }
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    } finally {
      readNanos += System.nanoTime() - start;
    }
  }

  private SourcePage page(FilteredColumnarBatch batch) {
    ColumnarBatch data = batch.getData();
    int n = data.getSize();
    int[] rows = new int[n];
    int count = 0;
    for (int i = 0; i < n && count < remaining; i++) {
      if (batch.isSelected(i)) {
        rows[count++] = i;
      }
    }
    remaining -= count;
    completedPositions += count;
    if (columns.isEmpty()) {
      return SourcePage.create(count);
    }
    Block[] blocks = new Block[columns.size()];
    for (int c = 0; c < blocks.length; c++) {
      if (columns.get(c).isRowId()) {
        blocks[c] = rowIds(data.getColumnVector(ordinals[c]), rows, count);
        continue;
      }
      ColumnVector vector = data.getColumnVector(ordinals[c]);
      Block block = vector instanceof BlockVector b ? b.wholeBlock() : null;
      if (block != null && ((BlockVector) vector).type.equals(columns.get(c).type())) {
        // read by Trino's Parquet reader and passed through by Keel: Trino's block as it is
        blocks[c] = count == n ? block : block.getPositions(rows, 0, count);
        continue;
      }
      Optional<Block> flat = FlatBlocks.of(vector, keelTypes[c], rows, count);
      if (flat.isPresent()) {
        blocks[c] = flat.get();
        continue;
      }
      BlockBuilder out = columns.get(c).type().createBlockBuilder(null, count);
      for (int r = 0; r < count; r++) {
        PageConverter.append(vector, rows[r], keelTypes[c], columns.get(c).type(), out);
      }
      blocks[c] = out.build();
    }
    return SourcePage.create(new Page(count, blocks));
  }

  /** The row ids of the selected rows: the file's path and each row's physical index. */
  private Block rowIds(ColumnVector rowIndexes, int[] rows, int count) {
    BlockBuilder indexes = BigintType.BIGINT.createBlockBuilder(null, count);
    for (int r = 0; r < count; r++) {
      BigintType.BIGINT.writeLong(indexes, rowIndexes.getLong(rows[r]));
    }
    Block file = RunLengthEncodedBlock.create(VarcharType.VARCHAR, Slices.utf8Slice(path), count);
    return RowBlock.fromFieldBlocks(count, new Block[] {file, indexes.build()});
  }

  @Override
  public long getCompletedBytes() {
    return finished ? length : 0;
  }

  @Override
  public java.util.OptionalLong getCompletedPositions() {
    return java.util.OptionalLong.of(completedPositions);
  }

  @Override
  public long getReadTimeNanos() {
    return readNanos;
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public long getMemoryUsage() {
    return 0;
  }

  @Override
  public void close() {
    finished = true;
    batches.close();
  }
}
