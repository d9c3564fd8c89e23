package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;

/** Row {@code i} of this vector is row {@code rows[i]} of another, children included; owns nothing. */
public final class RowMappedVector implements ColumnVector {
  private final ColumnVector base;
  private final int[] rows;
  private final ColumnVector[] children;

  public RowMappedVector(ColumnVector base, int[] rows) {
    this.base = base;
    this.rows = rows;
    this.children = base.getDataType() instanceof StructType ? new ColumnVector[((StructType) base.getDataType()).length()]
        : new ColumnVector[2];
  }

  @Override
  public DataType getDataType() {
    return base.getDataType();
  }

  @Override
  public int getSize() {
    return rows.length;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return base.isNullAt(rows[rowId]);
  }

  @Override
  public boolean getBoolean(int rowId) {
    return base.getBoolean(rows[rowId]);
  }

  @Override
  public byte getByte(int rowId) {
    return base.getByte(rows[rowId]);
  }

  @Override
  public short getShort(int rowId) {
    return base.getShort(rows[rowId]);
  }

  @Override
  public int getInt(int rowId) {
    return base.getInt(rows[rowId]);
  }

  @Override
  public long getLong(int rowId) {
    return base.getLong(rows[rowId]);
  }

  @Override
  public float getFloat(int rowId) {
    return base.getFloat(rows[rowId]);
  }

  @Override
  public double getDouble(int rowId) {
    return base.getDouble(rows[rowId]);
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return base.getDecimal(rows[rowId]);
  }

  @Override
  public String getString(int rowId) {
    return base.getString(rows[rowId]);
  }

  @Override
  public byte[] getBinary(int rowId) {
    return base.getBinary(rows[rowId]);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (children[ordinal] == null) {
      children[ordinal] = new RowMappedVector(base.getChild(ordinal), rows);
    }
    return children[ordinal];
  }

  @Override
  public ArrayValue getArray(int rowId) {
    return base.getArray(rows[rowId]);
  }

  @Override
  public MapValue getMap(int rowId) {
    return base.getMap(rows[rowId]);
  }

  @Override
  public void close() {}
}
