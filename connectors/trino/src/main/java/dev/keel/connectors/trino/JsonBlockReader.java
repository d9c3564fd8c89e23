package dev.keel.connectors.trino;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.keel.kernel.data.ColumnVector;
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
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VoidType;
import io.airlift.slice.Slices;
import io.trino.spi.block.ArrayBlockBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.block.RowBlockBuilder;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.Type;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON documents into Trino block builders, one row per document, by a Keel schema: the value
 * rules of {@link dev.keel.kernel.engine.JsonHandler} (fields not in the schema skipped, missing
 * ones null, dates and timestamps as {@link JsonValues} text, a string field receiving an object or
 * array keeps its JSON text). {@link #build} hands the rows to the kernel as a {@link BlockBatch}.
 */
final class JsonBlockReader {
  private static final JsonFactory TEXT = new JsonFactory();

  private final StructType schema;
  private final Map<StructType, Struct> structs = new IdentityHashMap<>();
  private final StructColumn root;
  private int rows;

  JsonBlockReader(StructType schema, int expectedRows) {
    this.schema = schema;
    this.root = new StructColumn(schema, "", expectedRows);
  }

  int rows() {
    return rows;
  }

  /** Appends a row of nulls (a null or unselected document). */
  void appendNullRow() {
    for (Column c : root.fields) {
      c.appendNull();
    }
    rows++;
  }

  /**
   * Appends the document at the parser's current token (an object, or {@code null} for a row of
   * nulls) and leaves the parser on its last token.
   *
   * @throws JsonValueException if a value does not fit its field's type
   */
  void append(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      appendNullRow();
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new JsonValueException("a document must be a JSON object, not " + describe(p));
    }
    root.readFields(p);
    rows++;
  }

  /** The rows appended so far as one batch; the reader must not be used afterwards. */
  BlockBatch build() {
    ColumnVector[] vectors = new ColumnVector[root.fields.length];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = root.fields[i].build();
    }
    return new BlockBatch(schema, vectors, rows);
  }

  /** Builds one column from JSON values, one row per call. */
  private abstract static class Column {
    abstract void appendNull();

    /** Appends the value at the parser's current token (null included). */
    abstract void append(JsonParser p) throws IOException;

    abstract ColumnVector build();
  }

  private Column column(StructField field, int expectedRows) {
    return field.getDataType() instanceof StructType s
        ? new StructColumn(s, field.getName(), expectedRows)
        : new Leaf(field.getDataType(), field.getName(), expectedRows);
  }

  /** A column of a primitive, array or map type, in a Trino block builder. */
  private final class Leaf extends Column {
    private final DataType type;
    private final String name;
    private final Type trino;
    private final BlockBuilder builder;

    Leaf(DataType type, String name, int expectedRows) {
      this.type = type;
      this.name = name;
      this.trino = KeelTypes.blockType(type);
      this.builder = trino.createBlockBuilder(null, expectedRows);
    }

    @Override
    void appendNull() {
      builder.appendNull();
    }

    @Override
    void append(JsonParser p) throws IOException {
      value(p, type, trino, builder, name);
    }

    @Override
    ColumnVector build() {
      return BlockVector.of(type, trino, builder.build());
    }
  }

  /**
   * A struct column whose fields receive only its non-null rows (see {@link SparseStructVector}):
   * most of a log line's action structs are null.
   */
  private final class StructColumn extends Column {
    private final StructType type;
    private final String name;
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Column[] fields;
    private final boolean[] set;
    private int[] ids;
    private int rows;
    private int present;

    StructColumn(StructType type, String name, int expectedRows) {
      this.type = type;
      this.name = name;
      this.fields = new Column[type.length()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = column(type.at(i), 16);
        ordinals.putIfAbsent(type.at(i).getName(), i);
      }
      this.set = new boolean[fields.length];
      this.ids = new int[Math.max(16, expectedRows)];
    }

    private void row(int id) {
      if (rows == ids.length) {
        ids = Arrays.copyOf(ids, rows * 2);
      }
      ids[rows++] = id;
    }

    @Override
    void appendNull() {
      row(-1);
    }

    @Override
    void append(JsonParser p) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        appendNull();
        return;
      }
      expect(p, token == JsonToken.START_OBJECT, name, type);
      row(present++);
      readFields(p);
    }

    /** Reads an object's fields (parser on its START_OBJECT), one value or null per field. */
    void readFields(JsonParser p) throws IOException {
      Arrays.fill(set, false);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        Integer i = ordinals.get(p.currentName());
        p.nextToken();
        if (i == null || set[i]) {
          p.skipChildren(); // not wanted, or a repeated key (the first one counts)
          continue;
        }
        set[i] = true;
        fields[i].append(p);
      }
      for (int i = 0; i < set.length; i++) {
        if (!set[i]) {
          fields[i].appendNull();
        }
      }
    }

    @Override
    ColumnVector build() {
      ColumnVector[] vectors = new ColumnVector[fields.length];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = fields[i].build();
      }
      return new SparseStructVector(type, rows, ids, vectors);
    }
  }

  /** A value that does not fit its type; the caller adds where it was. */
  static final class JsonValueException extends RuntimeException {
    JsonValueException(String message) {
      super(message);
    }
  }

  private static String describe(JsonParser p) {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string \"" + text(p) + "\"";
      case VALUE_NULL -> "null";
      default -> text(p);
    };
  }

  private static String text(JsonParser p) {
    try {
      String s = p.getText();
      return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields of a struct inside an array or a map (a Trino row), looked up by name. */
  private final class Struct {
    final StructType type;
    final Type[] types;
    final Map<String, Integer> ordinals = new HashMap<>();

    Struct(StructType type) {
      this.type = type;
      this.types = new Type[type.length()];
      for (int i = 0; i < types.length; i++) {
        DataType t = type.at(i).getDataType();
        types[i] = KeelTypes.blockType(t);
        ordinals.putIfAbsent(type.at(i).getName(), i);
      }
    }

    /** Reads an object's fields (parser on its START_OBJECT) into one builder per field. */
    void readFields(JsonParser p, List<BlockBuilder> out) throws IOException {
      boolean[] set = new boolean[types.length];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        Integer i = ordinals.get(p.currentName());
        p.nextToken();
        if (i == null || set[i]) {
          p.skipChildren(); // not wanted, or a repeated key (the first one counts)
          continue;
        }
        set[i] = true;
        value(p, type.at(i).getDataType(), types[i], out.get(i), type.at(i).getName());
      }
      for (int i = 0; i < set.length; i++) {
        if (!set[i]) {
          out.get(i).appendNull();
        }
      }
    }
  }

  /** Reads the value at the parser's current token into {@code out}. */
  private void value(JsonParser p, DataType type, Type trino, BlockBuilder out, String name)
      throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NULL || type instanceof VoidType) {
      p.skipChildren();
      out.appendNull();
      return;
    }
    try {
      if (type instanceof BooleanType) {
        expect(p, token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, name, type);
        trino.writeBoolean(out, token == JsonToken.VALUE_TRUE);
      } else if (type instanceof ByteType
          || type instanceof ShortType
          || type instanceof IntegerType
          || type instanceof LongType) {
        expect(p, token == JsonToken.VALUE_NUMBER_INT, name, type);
        long v = p.getLongValue();
        int bits =
            type instanceof ByteType
                ? 8
                : type instanceof ShortType ? 16 : type instanceof IntegerType ? 32 : 64;
        expect(p, bits == 64 || v == (v << (64 - bits)) >> (64 - bits), name, type);
        trino.writeLong(out, v);
      } else if (type instanceof FloatType || type instanceof DoubleType) {
        double v;
        if (token == JsonToken.VALUE_STRING) {
          v = JsonValues.parseDouble(p.getText());
        } else {
          expect(p, token.isNumeric(), name, type);
          v = p.getDoubleValue();
        }
        if (type instanceof FloatType) {
          trino.writeLong(out, Float.floatToRawIntBits((float) v));
        } else {
          trino.writeDouble(out, v);
        }
      } else if (type instanceof DecimalType d) {
        expect(p, token.isNumeric() || token == JsonToken.VALUE_STRING, name, type);
        BigDecimal v =
            token == JsonToken.VALUE_STRING
                ? new BigDecimal(p.getText().trim())
                : p.getDecimalValue();
        BigDecimal scaled = v.setScale(d.getScale(), RoundingMode.UNNECESSARY);
        expect(p, scaled.precision() <= d.getPrecision(), name, type);
        if (d.getPrecision() <= 18) {
          trino.writeLong(out, scaled.unscaledValue().longValueExact());
        } else {
          trino.writeObject(out, Int128.valueOf(scaled.unscaledValue()));
        }
      } else if (type instanceof StringType) {
        String s =
            token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                ? rawText(p)
                : p.getText();
        trino.writeSlice(out, Slices.utf8Slice(s));
      } else if (type instanceof BinaryType) {
        expect(p, token == JsonToken.VALUE_STRING, name, type);
        trino.writeSlice(out, Slices.wrappedBuffer(p.getText().getBytes(StandardCharsets.UTF_8)));
      } else if (type instanceof DateType) {
        expect(p, token == JsonToken.VALUE_STRING, name, type);
        trino.writeLong(out, JsonValues.parseDate(p.getText()));
      } else if (type instanceof TimestampType) {
        expect(p, token == JsonToken.VALUE_STRING, name, type);
        long micros = JsonValues.parseTimestamp(p.getText());
        trino.writeObject(
            out,
            LongTimestampWithTimeZone.fromEpochMillisAndFraction(
                Math.floorDiv(micros, 1000),
                Math.floorMod(micros, 1000) * 1_000_000,
                io.trino.spi.type.TimeZoneKey.UTC_KEY));
      } else if (type instanceof TimestampNTZType) {
        expect(p, token == JsonToken.VALUE_STRING, name, type);
        trino.writeLong(out, JsonValues.parseTimestampNtz(p.getText()));
      } else if (type instanceof StructType s) {
        expect(p, token == JsonToken.START_OBJECT, name, type);
        Struct struct = structs.computeIfAbsent(s, Struct::new);
        ((RowBlockBuilder) out).buildEntry(fields -> struct.readFields(p, fields));
      } else if (type instanceof ArrayType a) {
        expect(p, token == JsonToken.START_ARRAY, name, type);
        Type element = trino.getTypeParameters().get(0);
        ((ArrayBlockBuilder) out)
            .buildEntry(
                elements -> {
                  while (p.nextToken() != JsonToken.END_ARRAY) {
                    value(p, a.getElementType(), element, elements, name);
                  }
                });
      } else if (type instanceof MapType m) {
        if (!(m.getKeyType() instanceof StringType)) {
          throw new UnsupportedTypeException(
              "Keel's Trino engine reads JSON maps with string keys only; field `"
                  + name
                  + "` has key type "
                  + m.getKeyType()
                  + ".");
        }
        expect(p, token == JsonToken.START_OBJECT, name, type);
        Type keyType = trino.getTypeParameters().get(0);
        Type valueType = trino.getTypeParameters().get(1);
        ((MapBlockBuilder) out)
            .buildEntry(
                (keys, values) -> {
                  while (p.nextToken() == JsonToken.FIELD_NAME) {
                    keyType.writeSlice(keys, Slices.utf8Slice(p.currentName()));
                    p.nextToken();
                    value(p, m.getValueType(), valueType, values, name);
                  }
                });
      } else {
        throw new UnsupportedTypeException(
            "Keel's Trino engine cannot read field `" + name + "` of type " + type + " from JSON.");
      }
    } catch (java.time.DateTimeException | NumberFormatException | ArithmeticException e) {
      throw new JsonValueException(
          "field `" + name + "` of type " + type + " cannot hold " + describe(p));
    }
  }

  private static void expect(JsonParser p, boolean ok, String name, DataType type) {
    if (!ok) {
      throw new JsonValueException(
          "field `" + name + "` of type " + type + " cannot hold " + describe(p));
    }
  }

  /** The JSON text of the object or array at the parser's current token. */
  private static String rawText(JsonParser p) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = TEXT.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }
}
