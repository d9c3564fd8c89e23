package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.StructType;

/** A row view over one position of a batch's vectors. */
public final class BatchRow extends VectorRow {
  private final ColumnarBatch batch;

  public BatchRow(ColumnarBatch batch, int rowId) {
    super(rowId);
    this.batch = batch;
  }

  @Override
  protected ColumnVector v(int ordinal) {
    return batch.getColumnVector(ordinal);
  }

  @Override
  public StructType getSchema() {
    return batch.getSchema();
  }
}
