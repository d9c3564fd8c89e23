package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.StructType;

/**
 * Row {@code i} of this vector is row {@code rows[i]} of another, children included; owns nothing.
 */
public final class RowMappedVector extends DelegatingVector {
  private final int[] rows;
  private final ColumnVector[] children;

  public RowMappedVector(ColumnVector base, int[] rows) {
    super(base);
    this.rows = rows;
    this.children =
        base.getDataType() instanceof StructType
            ? new ColumnVector[((StructType) base.getDataType()).length()]
            : new ColumnVector[2];
  }

  @Override
  protected int map(int rowId) {
    return rows[rowId];
  }

  @Override
  public int getSize() {
    return rows.length;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (children[ordinal] == null) {
      children[ordinal] = new RowMappedVector(base.getChild(ordinal), rows);
    }
    return children[ordinal];
  }

  @Override
  public void close() {}
}
