package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * An on-heap vector of values in their kernel representation ({@code null} for null); owns no
 * memory.
 */
public class ObjectVector implements ColumnVector {
  private final DataType type;
  private final Object[] values;

  public ObjectVector(DataType type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return values.length;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return values[rowId] == null;
  }

  @Override
  public boolean getBoolean(int rowId) {
    return (Boolean) values[rowId];
  }

  @Override
  public byte getByte(int rowId) {
    return ((Number) values[rowId]).byteValue();
  }

  @Override
  public short getShort(int rowId) {
    return ((Number) values[rowId]).shortValue();
  }

  @Override
  public int getInt(int rowId) {
    return ((Number) values[rowId]).intValue();
  }

  @Override
  public long getLong(int rowId) {
    return ((Number) values[rowId]).longValue();
  }

  @Override
  public float getFloat(int rowId) {
    return ((Number) values[rowId]).floatValue();
  }

  @Override
  public double getDouble(int rowId) {
    return ((Number) values[rowId]).doubleValue();
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return (BigDecimal) values[rowId];
  }

  @Override
  public String getString(int rowId) {
    return (String) values[rowId];
  }

  @Override
  public byte[] getBinary(int rowId) {
    return ((byte[]) values[rowId]).clone();
  }

  @Override
  public void close() {}
}
