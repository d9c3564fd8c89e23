package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An on-heap row: values in their kernel representation, nested structs as {@link GenericRow},
 * string maps as {@code Map<String, String>}. Used for deserialized scan files.
 */
public final class GenericRow implements Row {
  private final StructType schema;
  private final Object[] values;

  public GenericRow(StructType schema, Object[] values) {
    this.schema = schema;
    this.values = values;
  }

  @Override
  public StructType getSchema() {
    return schema;
  }

  @Override
  public boolean isNullAt(int ordinal) {
    return values[ordinal] == null;
  }

  @Override
  public boolean getBoolean(int ordinal) {
    return (Boolean) values[ordinal];
  }

  @Override
  public int getInt(int ordinal) {
    return ((Number) values[ordinal]).intValue();
  }

  @Override
  public long getLong(int ordinal) {
    return ((Number) values[ordinal]).longValue();
  }

  @Override
  public String getString(int ordinal) {
    return (String) values[ordinal];
  }

  @Override
  public Row getStruct(int ordinal) {
    return (Row) values[ordinal];
  }

  @Override
  public MapValue getMap(int ordinal) {
    @SuppressWarnings("unchecked")
    Map<String, String> m = (Map<String, String>) values[ordinal];
    List<Object> keys = new ArrayList<>(m.keySet());
    List<Object> vals = new ArrayList<>(m.values());
    ObjectVector k = new ObjectVector(DataTypes.STRING, keys.toArray());
    ObjectVector v = new ObjectVector(DataTypes.STRING, vals.toArray());
    return new MapValue() {
      @Override
      public int getSize() {
        return keys.size();
      }

      @Override
      public dev.keel.kernel.data.ColumnVector getKeys() {
        return k;
      }

      @Override
      public dev.keel.kernel.data.ColumnVector getValues() {
        return v;
      }
    };
  }
}
