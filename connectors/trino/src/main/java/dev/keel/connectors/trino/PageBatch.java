package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.StructType;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Trino pages as one Keel batch of the table's schema, for Keel's writers: column {@code i} of the
 * schema is channel {@code channels[i]} of every page. Shares the pages' blocks; closing does
 * nothing (the pages are Trino's).
 */
final class PageBatch implements ColumnarBatch {
  private final StructType schema;
  private final ColumnVector[] vectors;
  private final int size;

  PageBatch(StructType schema, List<KeelColumnHandle> columns, int[] channels, List<Page> pages) {
    this.schema = schema;
    this.vectors = new ColumnVector[schema.length()];
    int rows = 0;
    for (Page p : pages) {
      rows += p.getPositionCount();
    }
    this.size = rows;
    for (int i = 0; i < vectors.length; i++) {
      List<Block> blocks = new ArrayList<>();
      for (Page p : pages) {
        blocks.add(p.getBlock(channels[i]));
      }
      vectors[i] =
          BlockVector.of(schema.at(i).getDataType(), columns.get(channels[i]).type(), blocks);
    }
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
