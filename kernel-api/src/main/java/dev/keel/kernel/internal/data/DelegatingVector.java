package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * A vector that forwards every call to another, row {@code i} read as the base's row {@link #map
 * map(i)} (the same row unless a subclass maps rows: a slice, a selection of rows). Subclasses
 * override what they change.
 */
public abstract class DelegatingVector implements ColumnVector {
  protected final ColumnVector base;

  protected DelegatingVector(ColumnVector base) {
    this.base = base;
  }

  /**
   * @return the base's row that this vector's row {@code rowId} is
   */
  protected int map(int rowId) {
    return rowId;
  }

  @Override
  public DataType getDataType() {
    return base.getDataType();
  }

  @Override
  public int getSize() {
    return base.getSize();
  }

  @Override
  public boolean isNullAt(int rowId) {
    return base.isNullAt(map(rowId));
  }

  @Override
  public boolean getBoolean(int rowId) {
    return base.getBoolean(map(rowId));
  }

  @Override
  public byte getByte(int rowId) {
    return base.getByte(map(rowId));
  }

  @Override
  public short getShort(int rowId) {
    return base.getShort(map(rowId));
  }

  @Override
  public int getInt(int rowId) {
    return base.getInt(map(rowId));
  }

  @Override
  public long getLong(int rowId) {
    return base.getLong(map(rowId));
  }

  @Override
  public float getFloat(int rowId) {
    return base.getFloat(map(rowId));
  }

  @Override
  public double getDouble(int rowId) {
    return base.getDouble(map(rowId));
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return base.getDecimal(map(rowId));
  }

  @Override
  public String getString(int rowId) {
    return base.getString(map(rowId));
  }

  @Override
  public byte[] getBinary(int rowId) {
    return base.getBinary(map(rowId));
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    return base.getChild(ordinal);
  }

  @Override
  public ArrayValue getArray(int rowId) {
    return base.getArray(map(rowId));
  }

  @Override
  public MapValue getMap(int rowId) {
    return base.getMap(map(rowId));
  }

  @Override
  public void close() {
    base.close();
  }
}
