package dev.keel.connectors.trino;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;

/**
 * A struct vector whose fields hold only its non-null rows: row {@code r} is row {@code ids[r]} of
 * every field vector, or null when {@code ids[r]} is negative. The JSON reader builds the log's
 * action structs this way, since each line fills one of them and leaves the others null (a null row
 * then costs one int, not a null in every nested field). Nothing is owned: closing does nothing.
 */
final class SparseStructVector implements ColumnVector {
  private final StructType type;
  private final int size;
  private final int[] ids;
  private final ColumnVector[] fields;

  SparseStructVector(StructType type, int size, int[] ids, ColumnVector[] fields) {
    this.type = type;
    this.size = size;
    this.ids = ids;
    this.fields = fields;
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
    return ids[rowId] < 0;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    return new Remapped(fields[ordinal], ids, size);
  }

  @Override
  public void close() {}

  /** A field (or a field of a field) seen through the struct's row mapping. */
  private static final class Remapped implements ColumnVector, Utf8Vector {
    private final ColumnVector v;
    private final int[] ids;
    private final int size;

    Remapped(ColumnVector v, int[] ids, int size) {
      this.v = v;
      this.ids = ids;
      this.size = size;
    }

    @Override
    public DataType getDataType() {
      return v.getDataType();
    }

    @Override
    public int getSize() {
      return size;
    }

    @Override
    public boolean isNullAt(int rowId) {
      int id = ids[rowId];
      return id < 0 || v.isNullAt(id);
    }

    @Override
    public void close() {}

    @Override
    public boolean getBoolean(int rowId) {
      return v.getBoolean(ids[rowId]);
    }

    @Override
    public byte getByte(int rowId) {
      return v.getByte(ids[rowId]);
    }

    @Override
    public short getShort(int rowId) {
      return v.getShort(ids[rowId]);
    }

    @Override
    public int getInt(int rowId) {
      return v.getInt(ids[rowId]);
    }

    @Override
    public long getLong(int rowId) {
      return v.getLong(ids[rowId]);
    }

    @Override
    public float getFloat(int rowId) {
      return v.getFloat(ids[rowId]);
    }

    @Override
    public double getDouble(int rowId) {
      return v.getDouble(ids[rowId]);
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
      return v.getDecimal(ids[rowId]);
    }

    @Override
    public String getString(int rowId) {
      return v.getString(ids[rowId]);
    }

    @Override
    public byte[] getBinary(int rowId) {
      return v.getBinary(ids[rowId]);
    }

    @Override
    public ArrayValue getArray(int rowId) {
      return v.getArray(ids[rowId]);
    }

    @Override
    public MapValue getMap(int rowId) {
      return v.getMap(ids[rowId]);
    }

    @Override
    public ColumnVector getChild(int ordinal) {
      return new Remapped(v.getChild(ordinal), ids, size);
    }

    @Override
    public int utf8Length(int rowId) {
      return v instanceof Utf8Vector u
          ? u.utf8Length(ids[rowId])
          : v.getString(ids[rowId]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public void copyUtf8(int rowId, byte[] dst) {
      if (v instanceof Utf8Vector u) {
        u.copyUtf8(ids[rowId], dst);
      } else {
        byte[] b = v.getString(ids[rowId]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(b, 0, dst, 0, b.length);
      }
    }
  }
}
