package dev.keel.connectors.trino;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.JsonValues;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
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
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;

/**
 * Rows as JSON lines, the way the kernel's commit files are written: one compact object per row,
 * null fields left out, decimals as numbers, dates and timestamps as {@link JsonValues} text, NaN
 * and infinities as strings, binary as UTF-8 text, maps as objects with string keys.
 */
final class JsonLinesWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLinesWriter() {}

  static byte[] toJsonLines(Iterator<Row> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setRootValueSeparator(null);
      while (rows.hasNext()) {
        writeRow(g, rows.next());
        g.flush();
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static void writeRow(JsonGenerator g, Row row) throws IOException {
    StructType schema = row.getSchema();
    g.writeStartObject();
    for (int i = 0; i < schema.length(); i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      DataType t = schema.at(i).getDataType();
      g.writeFieldName(schema.at(i).getName());
      if (t instanceof StructType) {
        writeRow(g, row.getStruct(i));
      } else if (t instanceof ArrayType a) {
        writeArray(g, row.getArray(i), a.getElementType());
      } else if (t instanceof MapType m) {
        writeMap(g, row.getMap(i), m.getValueType());
      } else {
        writeScalar(g, t, scalar(row, i, t));
      }
    }
    g.writeEndObject();
  }

  /** Writes the value at {@code j} of a vector (inside an array, a map or a nested struct). */
  private static void writeValue(JsonGenerator g, ColumnVector v, int j, DataType t)
      throws IOException {
    if (v.isNullAt(j)) {
      g.writeNull();
    } else if (t instanceof StructType s) {
      g.writeStartObject();
      for (int i = 0; i < s.length(); i++) {
        ColumnVector child = v.getChild(i);
        if (!child.isNullAt(j)) {
          g.writeFieldName(s.at(i).getName());
          writeValue(g, child, j, s.at(i).getDataType());
        }
      }
      g.writeEndObject();
    } else if (t instanceof ArrayType a) {
      writeArray(g, v.getArray(j), a.getElementType());
    } else if (t instanceof MapType m) {
      writeMap(g, v.getMap(j), m.getValueType());
    } else {
      writeScalar(g, t, scalar(v, j, t));
    }
  }

  private static void writeArray(JsonGenerator g, ArrayValue array, DataType elementType)
      throws IOException {
    g.writeStartArray();
    for (int j = 0; j < array.getSize(); j++) {
      writeValue(g, array.getElements(), j, elementType);
    }
    g.writeEndArray();
  }

  private static void writeMap(JsonGenerator g, MapValue map, DataType valueType)
      throws IOException {
    g.writeStartObject();
    for (int j = 0; j < map.getSize(); j++) {
      g.writeFieldName(map.getKeys().getString(j));
      writeValue(g, map.getValues(), j, valueType);
    }
    g.writeEndObject();
  }

  private static Object scalar(Row row, int i, DataType t) {
    if (t instanceof BooleanType) {
      return row.getBoolean(i);
    } else if (t instanceof ByteType) {
      return (long) row.getByte(i);
    } else if (t instanceof ShortType) {
      return (long) row.getShort(i);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return (long) row.getInt(i);
    } else if (t instanceof LongType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType) {
      return row.getLong(i);
    } else if (t instanceof FloatType) {
      return row.getFloat(i);
    } else if (t instanceof DoubleType) {
      return row.getDouble(i);
    } else if (t instanceof DecimalType) {
      return row.getDecimal(i);
    } else if (t instanceof StringType) {
      return row.getString(i);
    } else if (t instanceof BinaryType) {
      return row.getBinary(i);
    }
    throw cannotWrite(t);
  }

  private static Object scalar(ColumnVector v, int j, DataType t) {
    if (t instanceof BooleanType) {
      return v.getBoolean(j);
    } else if (t instanceof ByteType) {
      return (long) v.getByte(j);
    } else if (t instanceof ShortType) {
      return (long) v.getShort(j);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return (long) v.getInt(j);
    } else if (t instanceof LongType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType) {
      return v.getLong(j);
    } else if (t instanceof FloatType) {
      return v.getFloat(j);
    } else if (t instanceof DoubleType) {
      return v.getDouble(j);
    } else if (t instanceof DecimalType) {
      return v.getDecimal(j);
    } else if (t instanceof StringType) {
      return v.getString(j);
    } else if (t instanceof BinaryType) {
      return v.getBinary(j);
    }
    throw cannotWrite(t);
  }

  private static void writeScalar(JsonGenerator g, DataType t, Object value) throws IOException {
    if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (t instanceof DateType) {
      g.writeString(LocalDate.ofEpochDay((Long) value).toString());
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      g.writeString(JsonValues.formatTimestamp((Long) value, t instanceof TimestampType));
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Float f) {
      if (f.isNaN() || f.isInfinite()) {
        g.writeString(f.isNaN() ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
      } else {
        g.writeNumber(f);
      }
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      } else {
        g.writeNumber(d);
      }
    } else if (value instanceof java.math.BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof byte[] bytes) {
      g.writeString(new String(bytes, StandardCharsets.UTF_8));
    } else {
      throw cannotWrite(t);
    }
  }

  private static UnsupportedTypeException cannotWrite(DataType t) {
    return new UnsupportedTypeException(
        "Keel's Trino engine cannot write a value of type " + t + " as JSON.");
  }
}
