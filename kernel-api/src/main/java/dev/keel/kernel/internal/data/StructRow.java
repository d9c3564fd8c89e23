package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.StructType;

/** A row view over one position of a struct vector's children. */
public final class StructRow extends VectorRow {
  private final ColumnVector struct;

  public StructRow(ColumnVector struct, int rowId) {
    super(rowId);
    this.struct = struct;
  }

  @Override
  protected ColumnVector v(int ordinal) {
    return struct.getChild(ordinal);
  }

  @Override
  public StructType getSchema() {
    return (StructType) struct.getDataType();
  }
}
