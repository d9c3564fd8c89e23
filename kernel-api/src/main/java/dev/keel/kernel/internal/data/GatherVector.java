package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * Row {@code i} of this vector is row {@code rows[i]} of {@code sources[batches[i]]}: rows of
 * several vectors of one type, in any order (a sort across batches). Owns nothing.
 */
public final class GatherVector implements ColumnVector {
  private final DataType type;
  private final ColumnVector[] sources;
  private final int[] batches;
  private final int[] rows;

  public GatherVector(DataType type, ColumnVector[] sources, int[] batches, int[] rows) {
    this.type = type;
    this.sources = sources;
    this.batches = batches;
    this.rows = rows;
  }

  private ColumnVector source(int i) {
    return sources[batches[i]];
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return rows.length;
  }

  @Override
  public boolean isNullAt(int i) {
    return source(i).isNullAt(rows[i]);
  }

  @Override
  public boolean getBoolean(int i) {
    return source(i).getBoolean(rows[i]);
  }

  @Override
  public byte getByte(int i) {
    return source(i).getByte(rows[i]);
  }

  @Override
  public short getShort(int i) {
    return source(i).getShort(rows[i]);
  }

  @Override
  public int getInt(int i) {
    return source(i).getInt(rows[i]);
  }

  @Override
  public long getLong(int i) {
    return source(i).getLong(rows[i]);
  }

  @Override
  public float getFloat(int i) {
    return source(i).getFloat(rows[i]);
  }

  @Override
  public double getDouble(int i) {
    return source(i).getDouble(rows[i]);
  }

  @Override
  public BigDecimal getDecimal(int i) {
    return source(i).getDecimal(rows[i]);
  }

  @Override
  public String getString(int i) {
    return source(i).getString(rows[i]);
  }

  @Override
  public byte[] getBinary(int i) {
    return source(i).getBinary(rows[i]);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    ColumnVector[] children = new ColumnVector[sources.length];
    for (int s = 0; s < sources.length; s++) {
      children[s] = sources[s].getChild(ordinal);
    }
    return new GatherVector(children[0].getDataType(), children, batches, rows);
  }

  @Override
  public ArrayValue getArray(int i) {
    return source(i).getArray(rows[i]);
  }

  @Override
  public MapValue getMap(int i) {
    return source(i).getMap(rows[i]);
  }

  @Override
  public void close() {}
}
