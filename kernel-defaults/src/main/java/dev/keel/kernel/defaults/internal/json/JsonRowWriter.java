package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.JsonValues;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.data.StructRow;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;

/**
 * Writes rows as JSON lines: one compact object per row, null fields left out, decimals as numbers,
 * dates and timestamps as ISO-8601 strings, NaN and infinities as strings, binary as UTF-8 text,
 * maps as objects (string keys).
 */
final class JsonRowWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRowWriter() {}

  static byte[] toJsonLines(Iterator<Row> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setRootValueSeparator(null);
      while (rows.hasNext()) {
        Row row = rows.next();
        writeRow(g, row);
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
      StructField f = schema.at(i);
      g.writeFieldName(f.getName());
      writeRowValue(g, row, i, f.getDataType());
    }
    g.writeEndObject();
  }

  private static void writeRowValue(JsonGenerator g, Row row, int i, DataType t)
      throws IOException {
    if (t instanceof BooleanType) {
      g.writeBoolean(row.getBoolean(i));
    } else if (t instanceof ByteType) {
      g.writeNumber(row.getByte(i));
    } else if (t instanceof ShortType) {
      g.writeNumber(row.getShort(i));
    } else if (t instanceof IntegerType) {
      g.writeNumber(row.getInt(i));
    } else if (t instanceof LongType) {
      g.writeNumber(row.getLong(i));
    } else if (t instanceof FloatType) {
      writeDouble(g, row.getFloat(i), true);
    } else if (t instanceof DoubleType) {
      writeDouble(g, row.getDouble(i), false);
    } else if (t instanceof DecimalType) {
      g.writeNumber(row.getDecimal(i));
    } else if (t instanceof StringType) {
      g.writeString(row.getString(i));
    } else if (t instanceof BinaryType) {
      g.writeString(new String(row.getBinary(i), StandardCharsets.UTF_8));
    } else if (t instanceof DateType) {
      g.writeString(LocalDate.ofEpochDay(row.getInt(i)).toString());
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      g.writeString(JsonValues.formatTimestamp(row.getLong(i), t instanceof TimestampType));
    } else if (t instanceof StructType) {
      writeRow(g, row.getStruct(i));
    } else if (t instanceof ArrayType) {
      writeArray(g, row.getArray(i), ((ArrayType) t).getElementType());
    } else if (t instanceof MapType) {
      writeMap(g, row.getMap(i), ((MapType) t).getValueType());
    } else {
      throw Errors.jsonCannotWrite(t);
    }
  }

  private static void writeArray(JsonGenerator g, ArrayValue array, DataType elementType)
      throws IOException {
    ColumnVector elements = array.getElements();
    g.writeStartArray();
    for (int j = 0; j < array.getSize(); j++) {
      writeVectorValue(g, elements, j, elementType);
    }
    g.writeEndArray();
  }

  private static void writeMap(JsonGenerator g, MapValue map, DataType valueType)
      throws IOException {
    ColumnVector keys = map.getKeys();
    ColumnVector values = map.getValues();
    g.writeStartObject();
    for (int j = 0; j < map.getSize(); j++) {
      g.writeFieldName(keys.getString(j));
      writeVectorValue(g, values, j, valueType);
    }
    g.writeEndObject();
  }

  private static void writeVectorValue(JsonGenerator g, ColumnVector v, int j, DataType t)
      throws IOException {
    if (v.isNullAt(j)) {
      g.writeNull();
    } else if (t instanceof StructType) {
      writeRow(g, new StructRow(v, j));
    } else if (t instanceof ArrayType) {
      writeArray(g, v.getArray(j), ((ArrayType) t).getElementType());
    } else if (t instanceof MapType) {
      writeMap(g, v.getMap(j), ((MapType) t).getValueType());
    } else {
      writeRowValue(g, new SingleValueRow(v, j), 0, t);
    }
  }

  private static void writeDouble(JsonGenerator g, double d, boolean isFloat) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    } else if (isFloat) {
      g.writeNumber((float) d);
    } else {
      g.writeNumber(d);
    }
  }

  /** Presents slot {@code j} of a vector as field 0 of a one-field row. */
  private static final class SingleValueRow extends dev.keel.kernel.internal.data.VectorRow {
    private final ColumnVector v;

    SingleValueRow(ColumnVector v, int j) {
      super(j);
      this.v = v;
    }

    @Override
    protected ColumnVector v(int ordinal) {
      return v;
    }

    @Override
    public StructType getSchema() {
      return new StructType(java.util.List.of(new StructField("value", v.getDataType(), true)));
    }
  }
}
