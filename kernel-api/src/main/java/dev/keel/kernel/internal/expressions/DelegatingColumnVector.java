package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * A vector whose row {@code r} is row {@link #row(int)} of vector {@link #source(int)}; owns
 * nothing.
 */
abstract class DelegatingColumnVector implements ColumnVector {
  private final DataType type;
  private final int size;

  DelegatingColumnVector(DataType type, int size) {
    this.type = type;
    this.size = size;
  }

  abstract ColumnVector source(int row);

  int row(int row) {
    return row;
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
    ColumnVector s = source(rowId);
    return s == null || s.isNullAt(row(rowId));
  }

  @Override
  public boolean getBoolean(int rowId) {
    return source(rowId).getBoolean(row(rowId));
  }

  @Override
  public byte getByte(int rowId) {
    return source(rowId).getByte(row(rowId));
  }

  @Override
  public short getShort(int rowId) {
    return source(rowId).getShort(row(rowId));
  }

  @Override
  public int getInt(int rowId) {
    return source(rowId).getInt(row(rowId));
  }

  @Override
  public long getLong(int rowId) {
    return source(rowId).getLong(row(rowId));
  }

  @Override
  public float getFloat(int rowId) {
    return source(rowId).getFloat(row(rowId));
  }

  @Override
  public double getDouble(int rowId) {
    return source(rowId).getDouble(row(rowId));
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return source(rowId).getDecimal(row(rowId));
  }

  @Override
  public String getString(int rowId) {
    return source(rowId).getString(row(rowId));
  }

  @Override
  public byte[] getBinary(int rowId) {
    return source(rowId).getBinary(row(rowId));
  }

  @Override
  public ArrayValue getArray(int rowId) {
    return source(rowId).getArray(row(rowId));
  }

  @Override
  public MapValue getMap(int rowId) {
    return source(rowId).getMap(row(rowId));
  }

  @Override
  public void close() {}
}
