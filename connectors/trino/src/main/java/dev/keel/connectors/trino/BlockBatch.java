package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.StructType;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keel batch of vectors over Trino blocks (see {@link BlockVector}): what Trino's Parquet reader
 * gives the kernel, and Trino's pages given to Keel's writers. The blocks are on the Java heap and
 * belong to Trino; closing does nothing.
 */
final class BlockBatch implements ColumnarBatch {
  private final StructType schema;
  private final ColumnVector[] vectors;
  private final int size;

  BlockBatch(StructType schema, ColumnVector[] vectors, int size) {
    this.schema = schema;
    this.vectors = vectors;
    this.size = size;
  }

  /**
   * Trino pages as one batch of a table's schema, for Keel's writers: column {@code i} of the
   * schema is channel {@code channels[i]} of every page. Shares the pages' blocks.
   */
  static BlockBatch ofPages(
      StructType schema, List<KeelColumnHandle> columns, int[] channels, List<Page> pages) {
    int rows = 0;
    for (Page p : pages) {
      rows += p.getPositionCount();
    }
    ColumnVector[] vectors = new ColumnVector[schema.length()];
    for (int i = 0; i < vectors.length; i++) {
      List<Block> blocks = new ArrayList<>();
      for (Page p : pages) {
        blocks.add(p.getBlock(channels[i]));
      }
      vectors[i] =
          BlockVector.of(schema.at(i).getDataType(), columns.get(channels[i]).type(), blocks);
    }
    return new BlockBatch(schema, vectors, rows);
  }

  @Override
  public StructType getSchema() {
    return schema;
  }

  @Override
  public ColumnVector getColumnVector(int ordinal) {
    return vectors[ordinal];
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public void close() {}
}
