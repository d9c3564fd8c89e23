package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;

/**
 * A vector whose every value is null, of any type, holding no memory; a struct's children are
 * all-null vectors too. For batches of rows in which none of the requested fields were present.
 */
public final class NullColumnVector implements ColumnVector {
  private final DataType type;
  private final int size;

  public NullColumnVector(DataType type, int size) {
    this.type = type;
    this.size = size;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return true;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (!(type instanceof StructType)) {
      return ColumnVector.super.getChild(ordinal);
    }
    return new NullColumnVector(((StructType) type).at(ordinal).getDataType(), size);
  }

  @Override
  public void close() {}
}
