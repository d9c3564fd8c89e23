package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.StructType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch of Arrow vectors allocated from one allocator that the batch owns: closing the batch
 * closes the vectors and then the allocator, so a leak inside the batch surfaces at close.
 */
public final class ArrowBatch implements ColumnarBatch {
  private final StructType schema;
  private final List<FieldVector> vectors;
  private final ColumnVector[] columns;
  private final int size;
  private final BufferAllocator allocator;
  private boolean closed;

  /**
   * @param schema the Delta schema, one field per vector
   * @param vectors the vectors, value counts already set to {@code size}
   * @param size the number of rows
   * @param allocator the allocator owning the vectors' memory; closed with the batch (may be null)
   */
  public ArrowBatch(
      StructType schema, List<FieldVector> vectors, int size, BufferAllocator allocator) {
    this.schema = schema;
    this.vectors = List.copyOf(vectors);
    this.size = size;
    this.allocator = allocator;
    this.columns = new ColumnVector[vectors.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ArrowColumnVector(schema.at(i).getDataType(), vectors.get(i), true);
    }
  }

  @Override
  public StructType getSchema() {
    return schema;
  }

  @Override
  public ColumnVector getColumnVector(int ordinal) {
    return columns[ordinal];
  }

  @Override
  public int getSize() {
    return size;
  }

  /**
   * @return a {@link VectorSchemaRoot} over this batch's vectors, without copying; it shares the
   *     vectors, so close this batch, not the root
   */
  public VectorSchemaRoot toVectorSchemaRoot() {
    for (FieldVector v : vectors) {
      ShallowStructs.complete(v);
    }
    return new VectorSchemaRoot(vectors);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ColumnVector c : columns) {
      c.close();
    }
    if (allocator != null) {
      allocator.close();
    }
  }
}
