package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A literal repeated {@code size} times (literals in expressions, partition values in scans). Owns
 * no memory.
 */
public final class ConstantColumnVector implements ColumnVector {
  private final Literal literal;
  private final Object value;
  private final int size;

  public ConstantColumnVector(Literal literal, int size) {
    this.literal = literal;
    Optional<Object> v = literal.getValue();
    this.value = v.orElse(null);
    this.size = size;
  }

  @Override
  public DataType getDataType() {
    return literal.getDataType();
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return value == null;
  }

  @Override
  public boolean getBoolean(int rowId) {
    return (Boolean) value;
  }

  @Override
  public byte getByte(int rowId) {
    return ((Number) value).byteValue();
  }

  @Override
  public short getShort(int rowId) {
    return ((Number) value).shortValue();
  }

  @Override
  public int getInt(int rowId) {
    return ((Number) value).intValue();
  }

  @Override
  public long getLong(int rowId) {
    return ((Number) value).longValue();
  }

  @Override
  public float getFloat(int rowId) {
    return ((Number) value).floatValue();
  }

  @Override
  public double getDouble(int rowId) {
    return ((Number) value).doubleValue();
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return (BigDecimal) value;
  }

  @Override
  public String getString(int rowId) {
    return (String) value;
  }

  @Override
  public byte[] getBinary(int rowId) {
    return ((byte[]) value).clone();
  }

  @Override
  public void close() {}
}
