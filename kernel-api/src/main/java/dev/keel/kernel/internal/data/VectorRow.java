package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import java.math.BigDecimal;

/**
 * A row view over one position of a set of column vectors; subclasses say where the vectors come
 * from.
 */
public abstract class VectorRow implements Row {
  protected final int rowId;

  protected VectorRow(int rowId) {
    this.rowId = rowId;
  }

  /**
   * @return the vector holding field {@code ordinal}
   */
  protected abstract ColumnVector v(int ordinal);

  @Override
  public boolean isNullAt(int ordinal) {
    return v(ordinal).isNullAt(rowId);
  }

  @Override
  public boolean getBoolean(int ordinal) {
    return v(ordinal).getBoolean(rowId);
  }

  @Override
  public byte getByte(int ordinal) {
    return v(ordinal).getByte(rowId);
  }

  @Override
  public short getShort(int ordinal) {
    return v(ordinal).getShort(rowId);
  }

  @Override
  public int getInt(int ordinal) {
    return v(ordinal).getInt(rowId);
  }

  @Override
  public long getLong(int ordinal) {
    return v(ordinal).getLong(rowId);
  }

  @Override
  public float getFloat(int ordinal) {
    return v(ordinal).getFloat(rowId);
  }

  @Override
  public double getDouble(int ordinal) {
    return v(ordinal).getDouble(rowId);
  }

  @Override
  public BigDecimal getDecimal(int ordinal) {
    return v(ordinal).getDecimal(rowId);
  }

  @Override
  public String getString(int ordinal) {
    return v(ordinal).getString(rowId);
  }

  @Override
  public byte[] getBinary(int ordinal) {
    return v(ordinal).getBinary(rowId);
  }

  @Override
  public Row getStruct(int ordinal) {
    return new StructRow(v(ordinal), rowId);
  }

  @Override
  public ArrayValue getArray(int ordinal) {
    return v(ordinal).getArray(rowId);
  }

  @Override
  public MapValue getMap(int ordinal) {
    return v(ordinal).getMap(rowId);
  }
}
