package dev.keel.kernel.testing;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A column vector over JSON-like trees, as the kernel's own {@code Json.parse} makes them: a struct
 * or a map is a {@code Map<String, Object>}, an array a {@code List}, numbers are {@code Long},
 * {@code Double} or {@code BigDecimal}, dates and timestamps their ISO text (or already days /
 * microseconds), null is null. The in-memory engine's batches are made of these.
 */
public final class TreeVector implements ColumnVector {
  private final DataType type;
  private final Object[] values;

  public TreeVector(DataType type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  /**
   * @return the tree value at a row
   */
  public Object value(int rowId) {
    return values[rowId];
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
    Object v = values[rowId];
    return v instanceof Boolean ? (Boolean) v : Boolean.parseBoolean(v.toString());
  }

  @Override
  public byte getByte(int rowId) {
    return (byte) getLong(rowId);
  }

  @Override
  public short getShort(int rowId) {
    return (short) getLong(rowId);
  }

  @Override
  public int getInt(int rowId) {
    Object v = values[rowId];
    if (type instanceof DateType && v instanceof String) {
      return (int) LocalDate.parse((String) v).toEpochDay();
    }
    return (int) getLong(rowId);
  }

  @Override
  public long getLong(int rowId) {
    Object v = values[rowId];
    if (v instanceof String
        && (type instanceof TimestampType || type instanceof TimestampNTZType)) {
      String s = (String) v;
      Instant instant =
          s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")
              ? Instant.parse(s)
              : LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
    return v instanceof Number ? ((Number) v).longValue() : Long.parseLong(v.toString());
  }

  @Override
  public float getFloat(int rowId) {
    return (float) getDouble(rowId);
  }

  @Override
  public double getDouble(int rowId) {
    Object v = values[rowId];
    return v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(v.toString());
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    Object v = values[rowId];
    BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
    return type instanceof DecimalType ? d.setScale(((DecimalType) type).getScale()) : d;
  }

  @Override
  public String getString(int rowId) {
    Object v = values[rowId];
    return v instanceof String ? (String) v : String.valueOf(v);
  }

  @Override
  public byte[] getBinary(int rowId) {
    Object v = values[rowId];
    if (v instanceof byte[]) {
      return ((byte[]) v).clone();
    }
    return type instanceof BinaryType
        ? Base64.getDecoder().decode(v.toString())
        : v.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (!(type instanceof StructType)) {
      return ColumnVector.super.getChild(ordinal);
    }
    StructType s = (StructType) type;
    String name = s.at(ordinal).getName();
    Object[] child = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      child[i] = values[i] instanceof Map ? ((Map<?, ?>) values[i]).get(name) : null;
    }
    return new TreeVector(s.at(ordinal).getDataType(), child);
  }

  @Override
  public ArrayValue getArray(int rowId) {
    List<?> list = (List<?>) values[rowId];
    TreeVector elements = new TreeVector(((ArrayType) type).getElementType(), list.toArray());
    return new ArrayValue() {
      @Override
      public int getSize() {
        return list.size();
      }

      @Override
      public ColumnVector getElements() {
        return elements;
      }
    };
  }

  @Override
  public MapValue getMap(int rowId) {
    Map<?, ?> map = (Map<?, ?>) values[rowId];
    List<Object> keys = new ArrayList<>(map.keySet());
    List<Object> vals = new ArrayList<>(map.values());
    MapType t = (MapType) type;
    TreeVector k = new TreeVector(t.getKeyType(), keys.toArray());
    TreeVector v = new TreeVector(t.getValueType(), vals.toArray());
    return new MapValue() {
      @Override
      public int getSize() {
        return keys.size();
      }

      @Override
      public ColumnVector getKeys() {
        return k;
      }

      @Override
      public ColumnVector getValues() {
        return v;
      }
    };
  }

  @Override
  public void close() {}
}
