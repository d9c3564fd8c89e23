package dev.keel.connectors.flink;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Variants;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.types.VoidType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Keel's types and values as Flink's table types and internal data ({@link
 * org.apache.flink.table.data.RowData}): {@code timestamp} is {@code TIMESTAMP_LTZ(6)}, {@code
 * timestamp_ntz} is {@code TIMESTAMP(6)}, a variant is its JSON text in a {@code STRING}, and
 * {@code void} columns (which Spark does not show) are left out.
 */
final class RowDataConverter {
  private RowDataConverter() {}

  /** Whether a column of this type is shown at all. */
  static boolean isVisible(DataType type) {
    return !(type instanceof VoidType);
  }

  /**
   * @throws UnsupportedTypeException for a struct without visible fields
   */
  static RowType rowType(StructType schema) {
    List<RowType.RowField> fields = new ArrayList<>();
    for (StructField f : schema.getFields()) {
      if (isVisible(f.getDataType())) {
        fields.add(new RowType.RowField(f.getName(), logicalType(f.getDataType(), f.isNullable())));
      }
    }
    if (fields.isEmpty()) {
      throw new UnsupportedTypeException(
          "Flink has no type for a struct without fields: " + schema);
    }
    return new RowType(true, fields);
  }

  static LogicalType logicalType(DataType type, boolean nullable) {
    LogicalType t;
    if (type instanceof BooleanType) {
      t = new org.apache.flink.table.types.logical.BooleanType();
    } else if (type instanceof ByteType) {
      t = new org.apache.flink.table.types.logical.TinyIntType();
    } else if (type instanceof ShortType) {
      t = new org.apache.flink.table.types.logical.SmallIntType();
    } else if (type instanceof IntegerType) {
      t = new org.apache.flink.table.types.logical.IntType();
    } else if (type instanceof LongType) {
      t = new org.apache.flink.table.types.logical.BigIntType();
    } else if (type instanceof FloatType) {
      t = new org.apache.flink.table.types.logical.FloatType();
    } else if (type instanceof DoubleType) {
      t = new org.apache.flink.table.types.logical.DoubleType();
    } else if (type instanceof DecimalType d) {
      t = new org.apache.flink.table.types.logical.DecimalType(d.getPrecision(), d.getScale());
    } else if (type instanceof StringType || type instanceof VariantType) {
      t =
          new org.apache.flink.table.types.logical.VarCharType(
              org.apache.flink.table.types.logical.VarCharType.MAX_LENGTH);
    } else if (type instanceof BinaryType) {
      t =
          new org.apache.flink.table.types.logical.VarBinaryType(
              org.apache.flink.table.types.logical.VarBinaryType.MAX_LENGTH);
    } else if (type instanceof DateType) {
      t = new org.apache.flink.table.types.logical.DateType();
    } else if (type instanceof TimestampType) {
      t = new org.apache.flink.table.types.logical.LocalZonedTimestampType(6);
    } else if (type instanceof TimestampNTZType) {
      t = new org.apache.flink.table.types.logical.TimestampType(6);
    } else if (type instanceof ArrayType a) {
      t =
          new org.apache.flink.table.types.logical.ArrayType(
              logicalType(a.getElementType(), a.containsNull()));
    } else if (type instanceof MapType m) {
      t =
          new org.apache.flink.table.types.logical.MapType(
              logicalType(m.getKeyType(), false),
              logicalType(m.getValueType(), m.isValueContainsNull()));
    } else if (type instanceof StructType s) {
      t = rowType(s);
    } else {
      throw new UnsupportedTypeException("Keel's Flink source cannot read the type " + type);
    }
    return t.copy(nullable);
  }

  /**
   * The Keel schema of rows of Flink's type: the inverse of {@link #rowType} ({@code CHAR} and
   * {@code VARCHAR} are {@code string}, {@code TIMESTAMP_LTZ} is {@code timestamp}, {@code
   * TIMESTAMP} is {@code timestamp_ntz}, any precision).
   *
   * @throws UnsupportedTypeException for a type Delta has no column type for
   */
  static StructType schema(RowType rowType) {
    List<StructField> fields = new ArrayList<>();
    for (RowType.RowField f : rowType.getFields()) {
      fields.add(
          new StructField(
              f.getName(),
              keelType(f.getType()),
              f.getType().isNullable(),
              dev.keel.kernel.types.FieldMetadata.empty()));
    }
    return new StructType(fields);
  }

  static DataType keelType(LogicalType t) {
    switch (t.getTypeRoot()) {
      case BOOLEAN:
        return BooleanType.BOOLEAN;
      case TINYINT:
        return ByteType.BYTE;
      case SMALLINT:
        return ShortType.SHORT;
      case INTEGER:
        return IntegerType.INTEGER;
      case BIGINT:
        return LongType.LONG;
      case FLOAT:
        return FloatType.FLOAT;
      case DOUBLE:
        return DoubleType.DOUBLE;
      case DECIMAL:
        org.apache.flink.table.types.logical.DecimalType d =
            (org.apache.flink.table.types.logical.DecimalType) t;
        return DecimalType.of(d.getPrecision(), d.getScale());
      case CHAR:
      case VARCHAR:
        return StringType.STRING;
      case BINARY:
      case VARBINARY:
        return BinaryType.BINARY;
      case DATE:
        return DateType.DATE;
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return TimestampType.TIMESTAMP;
      case TIMESTAMP_WITHOUT_TIME_ZONE:
        return TimestampNTZType.TIMESTAMP_NTZ;
      case ARRAY:
        LogicalType element = ((org.apache.flink.table.types.logical.ArrayType) t).getElementType();
        return new ArrayType(keelType(element), element.isNullable());
      case MAP:
        org.apache.flink.table.types.logical.MapType m =
            (org.apache.flink.table.types.logical.MapType) t;
        return new MapType(
            keelType(m.getKeyType()), keelType(m.getValueType()), m.getValueType().isNullable());
      case ROW:
        return schema((RowType) t);
      default:
        throw new UnsupportedTypeException(
            "Delta has no column type for Flink's " + t.asSummaryString());
    }
  }

  /**
   * A Flink internal value (or null) as a Keel literal of {@code type}: a partition value.
   *
   * @throws UnsupportedTypeException for a type that cannot partition a table
   */
  static Literal literal(Object v, DataType type) {
    if (v == null) {
      return Literal.ofNull(type);
    } else if (type instanceof BooleanType) {
      return Literal.ofBoolean((Boolean) v);
    } else if (type instanceof ByteType) {
      return Literal.ofByte((Byte) v);
    } else if (type instanceof ShortType) {
      return Literal.ofShort((Short) v);
    } else if (type instanceof IntegerType) {
      return Literal.ofInt((Integer) v);
    } else if (type instanceof DateType) {
      return Literal.ofDate((Integer) v);
    } else if (type instanceof LongType) {
      return Literal.ofLong((Long) v);
    } else if (type instanceof FloatType) {
      return Literal.ofFloat((Float) v);
    } else if (type instanceof DoubleType) {
      return Literal.ofDouble((Double) v);
    } else if (type instanceof DecimalType d) {
      return Literal.ofDecimal(((DecimalData) v).toBigDecimal(), d.getPrecision(), d.getScale());
    } else if (type instanceof StringType) {
      return Literal.ofString(v.toString());
    } else if (type instanceof BinaryType) {
      return Literal.ofBinary((byte[]) v);
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      long micros = micros((TimestampData) v);
      return type instanceof TimestampType
          ? Literal.ofTimestamp(micros)
          : Literal.ofTimestampNtz(micros);
    }
    throw new UnsupportedTypeException(
        "A Delta table cannot be partitioned by a " + type + " column");
  }

  /** A Flink timestamp as microseconds since the epoch, Delta's unit. */
  static long micros(TimestampData t) {
    return Math.multiplyExact(t.getMillisecond(), 1000L) + t.getNanoOfMillisecond() / 1000;
  }

  /** Reads one column's values as Flink's internal data (null for SQL null). */
  @FunctionalInterface
  interface Reader {
    Object read(ColumnVector v, int row);
  }

  /**
   * A reader of a column of {@code type}: the common primitive types read without the per-value
   * type dispatch of {@link #value}.
   */
  static Reader reader(DataType type) {
    if (type instanceof LongType) {
      return (v, r) -> v.isNullAt(r) ? null : (Object) v.getLong(r);
    } else if (type instanceof IntegerType || type instanceof DateType) {
      return (v, r) -> v.isNullAt(r) ? null : (Object) v.getInt(r);
    } else if (type instanceof DoubleType) {
      return (v, r) -> v.isNullAt(r) ? null : (Object) v.getDouble(r);
    } else if (type instanceof StringType) {
      return (v, r) -> {
        if (v.isNullAt(r)) {
          return null;
        }
        if (v instanceof dev.keel.kernel.data.Utf8Vector u) { // the bytes as they are: no decoding
          byte[] utf8 = new byte[u.utf8Length(r)];
          u.copyUtf8(r, utf8);
          return StringData.fromBytes(utf8);
        }
        return StringData.fromString(v.getString(r));
      };
    }
    return (v, r) -> value(v, r, type);
  }

  /**
   * The value at {@code row} of {@code v} as Flink's internal data, or null.
   *
   * @param type the Keel type of {@code v}
   */
  static Object value(ColumnVector v, int row, DataType type) {
    if (v.isNullAt(row)) {
      return null;
    }
    if (type instanceof BooleanType) {
      return v.getBoolean(row);
    } else if (type instanceof ByteType) {
      return v.getByte(row);
    } else if (type instanceof ShortType) {
      return v.getShort(row);
    } else if (type instanceof IntegerType || type instanceof DateType) {
      return v.getInt(row);
    } else if (type instanceof LongType) {
      return v.getLong(row);
    } else if (type instanceof FloatType) {
      return v.getFloat(row);
    } else if (type instanceof DoubleType) {
      return v.getDouble(row);
    } else if (type instanceof DecimalType d) {
      return DecimalData.fromBigDecimal(v.getDecimal(row), d.getPrecision(), d.getScale());
    } else if (type instanceof StringType) {
      return StringData.fromString(v.getString(row));
    } else if (type instanceof VariantType) {
      return StringData.fromString(Variants.toJson(v, row));
    } else if (type instanceof BinaryType) {
      return v.getBinary(row);
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      long micros = v.getLong(row);
      return TimestampData.fromEpochMillis(
          Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
    } else if (type instanceof ArrayType a) {
      ArrayValue array = v.getArray(row);
      Object[] elements = new Object[array.getSize()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = value(array.getElements(), i, a.getElementType());
      }
      return new GenericArrayData(elements);
    } else if (type instanceof MapType m) {
      MapValue map = v.getMap(row);
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (int i = 0; i < map.getSize(); i++) {
        entries.put(
            value(map.getKeys(), i, m.getKeyType()), value(map.getValues(), i, m.getValueType()));
      }
      return new GenericMapData(entries);
    } else if (type instanceof StructType s) {
      return struct(v, row, s);
    }
    throw new UnsupportedTypeException("Keel's Flink source cannot read the type " + type);
  }

  private static GenericRowData struct(ColumnVector v, int row, StructType s) {
    List<Object> fields = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      DataType t = s.at(i).getDataType();
      if (isVisible(t)) {
        fields.add(value(v.getChild(i), row, t));
      }
    }
    return GenericRowData.of(fields.toArray());
  }
}
