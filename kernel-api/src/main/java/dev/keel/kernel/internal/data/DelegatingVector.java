package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/** A vector that forwards every call to another; subclasses override what they change. */
public abstract class DelegatingVector implements ColumnVector {
  protected final ColumnVector base;

  protected DelegatingVector(ColumnVector base) {
    this.base = base;
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
    return base.isNullAt(rowId);
  }

  @Override
  public boolean getBoolean(int rowId) {
    return base.getBoolean(rowId);
  }

  @Override
  public byte getByte(int rowId) {
    return base.getByte(rowId);
  }

  @Override
  public short getShort(int rowId) {
    return base.getShort(rowId);
  }

  @Override
  public int getInt(int rowId) {
    return base.getInt(rowId);
  }

  @Override
  public long getLong(int rowId) {
    return base.getLong(rowId);
  }

  @Override
  public float getFloat(int rowId) {
    return base.getFloat(rowId);
  }

  @Override
  public double getDouble(int rowId) {
    return base.getDouble(rowId);
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return base.getDecimal(rowId);
  }

  @Override
  public String getString(int rowId) {
    return base.getString(rowId);
  }

  @Override
  public byte[] getBinary(int rowId) {
    return base.getBinary(rowId);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    return base.getChild(ordinal);
  }

  @Override
  public ArrayValue getArray(int rowId) {
    return base.getArray(rowId);
  }

  @Override
  public MapValue getMap(int rowId) {
    return base.getMap(rowId);
  }

  @Override
  public void close() {
    base.close();
  }
}
