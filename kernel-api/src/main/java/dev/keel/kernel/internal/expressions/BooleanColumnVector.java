package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;

/**
 * An on-heap boolean vector with a null flag per slot: results of predicates and selection vectors.
 */
public final class BooleanColumnVector implements ColumnVector {
  final boolean[] values;
  final boolean[] nulls; // null when no slot is null
  private final int size;

  public BooleanColumnVector(boolean[] values, boolean[] nulls, int size) {
    this.values = values;
    this.nulls = nulls;
    this.size = size;
  }

  @Override
  public DataType getDataType() {
    return BooleanType.BOOLEAN;
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return nulls != null && nulls[rowId];
  }

  @Override
  public boolean getBoolean(int rowId) {
    return values[rowId];
  }

  @Override
  public void close() {}
}
