package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/** A window {@code [offset, offset + size)} of another vector, e.g. one array's elements. Never owns memory. */
final class SliceColumnVector implements ColumnVector {
  private final ColumnVector base;
  private final int offset;
  private final int size;
  private ColumnVector[] children;

  SliceColumnVector(ColumnVector base, int offset, int size) {
    this.base = base;
    this.offset = offset;
    this.size = size;
  }

  @Override
  public DataType getDataType() {
    return base.getDataType();
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return base.isNullAt(offset + rowId);
  }

  @Override
  public boolean getBoolean(int rowId) {
    return base.getBoolean(offset + rowId);
  }

  @Override
  public byte getByte(int rowId) {
    return base.getByte(offset + rowId);
  }

  @Override
  public short getShort(int rowId) {
    return base.getShort(offset + rowId);
  }

  @Override
  public int getInt(int rowId) {
    return base.getInt(offset + rowId);
  }

  @Override
  public long getLong(int rowId) {
    return base.getLong(offset + rowId);
  }

  @Override
  public float getFloat(int rowId) {
    return base.getFloat(offset + rowId);
  }

  @Override
  public double getDouble(int rowId) {
    return base.getDouble(offset + rowId);
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return base.getDecimal(offset + rowId);
  }

  @Override
  public String getString(int rowId) {
    return base.getString(offset + rowId);
  }

  @Override
  public byte[] getBinary(int rowId) {
    return base.getBinary(offset + rowId);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (children == null) {
      int n = base.getDataType() instanceof dev.keel.kernel.types.StructType
          ? ((dev.keel.kernel.types.StructType) base.getDataType()).length() : 2;
      children = new ColumnVector[n];
    }
    if (children[ordinal] == null) {
      children[ordinal] = new SliceColumnVector(base.getChild(ordinal), offset, size);
    }
    return children[ordinal];
  }

  @Override
  public ArrayValue getArray(int rowId) {
    return base.getArray(offset + rowId);
  }

  @Override
  public MapValue getMap(int rowId) {
    return base.getMap(offset + rowId);
  }

  @Override
  public void close() {}
}
