package dev.keel.connectors.flink;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Flink rows seen as a Keel batch: the chosen fields of each row are taken out with Flink's field
 * getters, row after row (one pass over the rows' memory), into one array per column; values stay
 * in Flink's internal form and Keel's accessors read them.
 */
final class RowDataBatch implements ColumnarBatch {
  private final StructType schema;
  private final int size;
  private final ColumnVector[] columns;

  /**
   * @param schema the Keel schema of the chosen fields, in order
   * @param rowType the rows' Flink type
   * @param fields the rows' fields that make the batch's columns, in order
   * @param rows the rows; not kept
   */
  RowDataBatch(StructType schema, RowType rowType, int[] fields, List<RowData> rows) {
    this.schema = schema;
    this.size = rows.size();
    RowData.FieldGetter[] getters = new RowData.FieldGetter[fields.length];
    Object[][] values = new Object[fields.length][size];
    for (int c = 0; c < fields.length; c++) {
      getters[c] = RowData.createFieldGetter(rowType.getTypeAt(fields[c]), fields[c]);
    }
    for (int r = 0; r < size; r++) {
      RowData row = rows.get(r);
      for (int c = 0; c < getters.length; c++) {
        values[c][r] = getters[c].getFieldOrNull(row);
      }
    }
    this.columns = new ColumnVector[fields.length];
    for (int c = 0; c < fields.length; c++) {
      columns[c] =
          new ValueVector(schema.at(c).getDataType(), rowType.getTypeAt(fields[c]), values[c]);
    }
  }

  @Override
  public StructType getSchema() {
    return schema;
  }

  @Override
  public ColumnVector getColumnVector(int ordinal) {
    return columns[ordinal];
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public void close() {}

  /** Values in Flink's internal representation, read through Keel's accessors. */
  private static final class ValueVector implements ColumnVector {
    private final DataType type;
    private final LogicalType logical;
    private final Object[] values;

    ValueVector(DataType type, LogicalType logical, Object[] values) {
      this.type = type;
      this.logical = logical;
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
    public void close() {}

    @Override
    public boolean getBoolean(int rowId) {
      return (Boolean) values[rowId];
    }

    @Override
    public byte getByte(int rowId) {
      return (Byte) values[rowId];
    }

    @Override
    public short getShort(int rowId) {
      return (Short) values[rowId];
    }

    @Override
    public int getInt(int rowId) {
      return (Integer) values[rowId];
    }

    /** Longs, and timestamps as microseconds since the epoch. */
    @Override
    public long getLong(int rowId) {
      Object v = values[rowId];
      if (v instanceof TimestampData t) {
        return RowDataConverter.micros(t);
      }
      return (Long) v;
    }

    @Override
    public float getFloat(int rowId) {
      return (Float) values[rowId];
    }

    @Override
    public double getDouble(int rowId) {
      return (Double) values[rowId];
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
      return ((DecimalData) values[rowId]).toBigDecimal();
    }

    @Override
    public String getString(int rowId) {
      return values[rowId].toString();
    }

    @Override
    public byte[] getBinary(int rowId) {
      return (byte[]) values[rowId];
    }

    private ColumnVector[] children;

    @Override
    public ColumnVector getChild(int ordinal) {
      if (children == null) {
        children = new ColumnVector[((RowType) logical).getFieldCount()];
      }
      if (children[ordinal] == null) {
        children[ordinal] = child(ordinal);
      }
      return children[ordinal];
    }

    private ColumnVector child(int ordinal) {
      RowType row = (RowType) logical;
      LogicalType fieldType = row.getTypeAt(ordinal);
      RowData.FieldGetter getter = RowData.createFieldGetter(fieldType, ordinal);
      Object[] children = new Object[values.length];
      for (int r = 0; r < values.length; r++) {
        children[r] = values[r] == null ? null : getter.getFieldOrNull((RowData) values[r]);
      }
      return new ValueVector(((StructType) type).at(ordinal).getDataType(), fieldType, children);
    }

    @Override
    public ArrayValue getArray(int rowId) {
      LogicalType elementType =
          ((org.apache.flink.table.types.logical.ArrayType) logical).getElementType();
      ValueVector elements =
          elements((ArrayData) values[rowId], elementType, ((ArrayType) type).getElementType());
      return new ArrayValue() {
        @Override
        public int getSize() {
          return elements.getSize();
        }

        @Override
        public ColumnVector getElements() {
          return elements;
        }
      };
    }

    @Override
    public MapValue getMap(int rowId) {
      org.apache.flink.table.types.logical.MapType m =
          (org.apache.flink.table.types.logical.MapType) logical;
      MapData map = (MapData) values[rowId];
      MapType keel = (MapType) type;
      ValueVector keys = elements(map.keyArray(), m.getKeyType(), keel.getKeyType());
      ValueVector vals = elements(map.valueArray(), m.getValueType(), keel.getValueType());
      return new MapValue() {
        @Override
        public int getSize() {
          return keys.getSize();
        }

        @Override
        public ColumnVector getKeys() {
          return keys;
        }

        @Override
        public ColumnVector getValues() {
          return vals;
        }
      };
    }

    private static ValueVector elements(ArrayData array, LogicalType logical, DataType type) {
      ArrayData.ElementGetter getter = ArrayData.createElementGetter(logical);
      Object[] elements = new Object[array.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = getter.getElementOrNull(array, i);
      }
      return new ValueVector(type, logical, elements);
    }
  }
}
