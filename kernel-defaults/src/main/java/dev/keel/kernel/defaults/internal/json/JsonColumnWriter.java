package dev.keel.kernel.defaults.internal.json;

import dev.keel.kernel.internal.Errors;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.keel.kernel.internal.util.ValueParsers;
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
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.internal.variant.VariantEncoder;
import dev.keel.kernel.types.VoidType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Writes the JSON value under the parser's cursor into slot {@code index} of one Arrow vector,
 * according to the Delta type. One writer per column, created once per batch; nested types get
 * child writers. Unrequested object fields are skipped with {@code skipChildren()} without
 * building any tree.
 */
abstract class JsonColumnWriter {
  private static final JsonFactory RAW_COPY = new JsonFactory();

  /** Thrown for a value that does not fit the column; the handler adds file and line. */
  static final class ValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ValueException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  final String name;

  JsonColumnWriter(String name) {
    this.name = name;
  }

  /** Writes the value at the parser's current token (which may be VALUE_NULL) into slot index. */
  final void write(JsonParser p, int index) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      writeNull(index);
      return;
    }
    try {
      writeValue(p, index);
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      throw new ValueException("cannot read " + describe(p) + " as " + typeName() + " for field `" + name + "`", e);
    }
  }

  abstract void writeValue(JsonParser p, int index) throws IOException;

  abstract void writeNull(int index);

  abstract String typeName();

  ValueException mismatch(JsonParser p) throws IOException {
    return new ValueException("expected " + typeName() + " for field `" + name + "` but found " + describe(p), null);
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return "an object";
    }
    if (t == JsonToken.START_ARRAY) {
      return "an array";
    }
    return "`" + p.getText() + "`";
  }

  static String textOf(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = RAW_COPY.createGenerator(w)) {
        g.copyCurrentStructure(p);
      }
      return w.toString();
    }
    return p.getText();
  }

  static JsonColumnWriter create(String name, DataType type, FieldVector vector) {
    if (type instanceof BooleanType) {
      BitVector v = (BitVector) vector;
      return new Primitive(name, "boolean", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          JsonToken t = p.currentToken();
          if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            v.setSafe(i, t == JsonToken.VALUE_TRUE ? 1 : 0);
          } else if (t == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText()))) {
            v.setSafe(i, "true".equals(p.getText()) ? 1 : 0);
          } else {
            throw mismatch(p);
          }
        }
      };
    } else if (type instanceof ByteType) {
      TinyIntVector v = (TinyIntVector) vector;
      return new Primitive(name, "byte", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          long l = integral(p);
          if (l < Byte.MIN_VALUE || l > Byte.MAX_VALUE) {
            throw new ArithmeticException("out of range");
          }
          v.setSafe(i, (byte) l);
        }
      };
    } else if (type instanceof ShortType) {
      SmallIntVector v = (SmallIntVector) vector;
      return new Primitive(name, "short", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          long l = integral(p);
          if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
            throw new ArithmeticException("out of range");
          }
          v.setSafe(i, (short) l);
        }
      };
    } else if (type instanceof IntegerType) {
      IntVector v = (IntVector) vector;
      return new Primitive(name, "integer", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          v.setSafe(i, Math.toIntExact(integral(p)));
        }
      };
    } else if (type instanceof LongType) {
      BigIntVector v = (BigIntVector) vector;
      return new Primitive(name, "long", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          v.setSafe(i, integral(p));
        }
      };
    } else if (type instanceof FloatType) {
      Float4Vector v = (Float4Vector) vector;
      return new Primitive(name, "float", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          v.setSafe(i, (float) floating(p));
        }
      };
    } else if (type instanceof DoubleType) {
      Float8Vector v = (Float8Vector) vector;
      return new Primitive(name, "double", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          v.setSafe(i, floating(p));
        }
      };
    } else if (type instanceof DecimalType) {
      DecimalVector v = (DecimalVector) vector;
      int scale = ((DecimalType) type).getScale();
      return new Primitive(name, type.toString(), v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          BigDecimal d;
          JsonToken t = p.currentToken();
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            d = p.getDecimalValue();
          } else if (t == JsonToken.VALUE_STRING) {
            d = new BigDecimal(p.getText().trim());
          } else {
            throw mismatch(p);
          }
          v.setSafe(i, d.setScale(scale, RoundingMode.HALF_UP));
        }
      };
    } else if (type instanceof StringType) {
      VarCharVector v = (VarCharVector) vector;
      return new Primitive(name, "string", v) {
        private final Utf8Text utf8 = new Utf8Text();

        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            utf8.setString(v, i, p);
          } else {
            v.setSafe(i, textOf(p).getBytes(StandardCharsets.UTF_8));
          }
        }
      };
    } else if (type instanceof BinaryType) {
      VarBinaryVector v = (VarBinaryVector) vector;
      return new Primitive(name, "binary", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw mismatch(p);
          }
          v.setSafe(i, p.getText().getBytes(StandardCharsets.UTF_8));
        }
      };
    } else if (type instanceof DateType) {
      DateDayVector v = (DateDayVector) vector;
      return new Primitive(name, "date", v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          JsonToken t = p.currentToken();
          if (t == JsonToken.VALUE_STRING) {
            v.setSafe(i, ValueParsers.parseDate(p.getText()));
          } else if (t == JsonToken.VALUE_NUMBER_INT) {
            v.setSafe(i, p.getIntValue());
          } else {
            throw mismatch(p);
          }
        }
      };
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      TimeStampVector v = (TimeStampVector) vector;
      boolean ntz = type instanceof TimestampNTZType;
      return new Primitive(name, type.toString(), v) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          JsonToken t = p.currentToken();
          if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            v.setSafe(i, ntz ? ValueParsers.parseTimestampNtz(s) : ValueParsers.parseTimestamp(s));
          } else if (t == JsonToken.VALUE_NUMBER_INT) {
            v.setSafe(i, p.getLongValue());
          } else {
            throw mismatch(p);
          }
        }
      };
    } else if (type instanceof VoidType) {
      return new JsonColumnWriter(name) {
        @Override
        void writeValue(JsonParser p, int i) throws IOException {
          p.skipChildren();
        }

        @Override
        void writeNull(int index) {}

        @Override
        String typeName() {
          return "void";
        }
      };
    } else if (type instanceof StructType) {
      return new Struct(name, (StructType) type, (StructVector) vector);
    } else if (type instanceof ArrayType) {
      return new Array(name, ((ArrayType) type).getElementType(), (ListVector) vector);
    } else if (type instanceof MapType) {
      return new MapWriter(name, (MapType) type, (ListVector) vector);
    } else if (type instanceof VariantType) {
      return new VariantWriter(name, (StructVector) vector);
    }
    throw Errors.jsonCannotRead(name, type);
  }

  static long integral(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      return Long.parseLong(p.getText().trim());
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().longValueExact();
    }
    throw new NumberFormatException("not an integer");
  }

  static double floating(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      return ValueParsers.parseDouble(p.getText());
    }
    throw new NumberFormatException("not a number");
  }

  /** A primitive column: nulls clear the validity bit. */
  private abstract static class Primitive extends JsonColumnWriter {
    private final String typeName;
    private final org.apache.arrow.vector.BaseFixedWidthVector fixed;
    private final org.apache.arrow.vector.BaseVariableWidthVector variable;

    Primitive(String name, String typeName, FieldVector vector) {
      super(name);
      this.typeName = typeName;
      this.fixed = vector instanceof org.apache.arrow.vector.BaseFixedWidthVector
          ? (org.apache.arrow.vector.BaseFixedWidthVector) vector : null;
      this.variable = vector instanceof org.apache.arrow.vector.BaseVariableWidthVector
          ? (org.apache.arrow.vector.BaseVariableWidthVector) vector : null;
    }

    @Override
    void writeNull(int index) {
      if (fixed != null) {
        fixed.setNull(index);
      } else {
        variable.setNull(index);
      }
    }

    @Override
    String typeName() {
      return typeName;
    }
  }

  /**
   * A variant column: the JSON value (any JSON, a string included) is encoded as variant
   * metadata and value binaries, as Spark's {@code parse_json} would.
   */
  private static final class VariantWriter extends JsonColumnWriter {
    private final StructVector vector;

    VariantWriter(String name, StructVector vector) {
      super(name);
      this.vector = vector;
    }

    @Override
    void writeValue(JsonParser p, int index) throws IOException {
      String json = p.currentToken() == JsonToken.VALUE_STRING ? Json.toJson(p.getText()) : textOf(p);
      byte[][] encoded;
      try {
        encoded = VariantEncoder.fromJson(json);
      } catch (Json.JsonSyntaxException e) {
        throw new ValueException("cannot read " + json + " as variant for field `" + name + "`", e);
      }
      vector.setIndexDefined(index);
      ((VarBinaryVector) vector.getChildByOrdinal(0)).setSafe(index, encoded[0]);
      ((VarBinaryVector) vector.getChildByOrdinal(1)).setSafe(index, encoded[1]);
    }

    @Override
    void writeNull(int index) {
      vector.setNull(index);
    }

    @Override
    String typeName() {
      return "variant";
    }
  }

  /** A struct column; also used for the top level of each document. */
  static final class Struct extends JsonColumnWriter {
    private final StructVector vector;
    private final JsonColumnWriter[] children;
    private final Map<String, Integer> byName = new HashMap<>();
    /** Per field, the name instance the parser last gave for it: Jackson reuses canonical instances. */
    private final String[] seenNames;
    private final StructType type;
    private final IntFunction<FieldVector> topLevel; // null below the top level

    Struct(String name, StructType type, StructVector vector) {
      super(name);
      this.vector = vector;
      this.type = type;
      this.topLevel = null;
      this.children = new JsonColumnWriter[type.length()];
      this.seenNames = new String[type.length()];
      for (int i = 0; i < children.length; i++) {
        children[i] = create(type.at(i).getName(), type.at(i).getDataType(), (FieldVector) vector.getChildByOrdinal(i));
        byName.put(type.at(i).getName(), i);
      }
    }

    /**
     * For the top level: fields write straight into the batch's vectors, asked of
     * {@code topLevel} when a document first has a value for them (so a lazy batch builder makes
     * only the vectors that are written).
     */
    Struct(StructType type, IntFunction<FieldVector> topLevel) {
      super("<root>");
      this.vector = null;
      this.type = type;
      this.topLevel = topLevel;
      this.children = new JsonColumnWriter[type.length()];
      this.seenNames = new String[type.length()];
      for (int i = 0; i < children.length; i++) {
        byName.put(type.at(i).getName(), i);
      }
    }

    private JsonColumnWriter child(int i) {
      if (children[i] == null) {
        children[i] = create(type.at(i).getName(), type.at(i).getDataType(), topLevel.apply(i));
      }
      return children[i];
    }

    @Override
    void writeValue(JsonParser p, int index) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw mismatch(p);
      }
      if (vector != null) {
        vector.setIndexDefined(index);
      }
      // Fields absent from the document stay null: Arrow validity bits start cleared.
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int ordinal = ordinalOf(p.currentName());
        JsonToken valueToken = p.nextToken();
        if (ordinal < 0) {
          if (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY) {
            p.skipChildren();
          }
        } else {
          child(ordinal).write(p, index);
        }
      }
    }

    /** @return the field's ordinal, or -1 for a field not in the schema */
    private int ordinalOf(String name) {
      for (int i = 0; i < seenNames.length; i++) {
        if (seenNames[i] == name) {
          return i;
        }
      }
      Integer ordinal = byName.get(name);
      if (ordinal == null) {
        return -1;
      }
      seenNames[ordinal] = name;
      return ordinal;
    }

    @Override
    void writeNull(int index) {
      if (vector != null) {
        vector.setNull(index);
      } else {
        for (JsonColumnWriter c : children) {
          if (c != null) { // a column not made yet is all nulls
            c.writeNull(index);
          }
        }
      }
    }

    @Override
    String typeName() {
      return "an object";
    }
  }

  private static final class Array extends JsonColumnWriter {
    private final ListVector vector;
    private final JsonColumnWriter element;

    Array(String name, DataType elementType, ListVector vector) {
      super(name);
      this.vector = vector;
      this.element = create(name + ".element", elementType, vector.getDataVector());
    }

    @Override
    void writeValue(JsonParser p, int index) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw mismatch(p);
      }
      int offset = vector.startNewValue(index);
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        element.write(p, offset + n);
        n++;
      }
      vector.endValue(index, n);
    }

    @Override
    void writeNull(int index) {
      vector.setNull(index);
    }

    @Override
    String typeName() {
      return "an array";
    }
  }

  private static final class MapWriter extends JsonColumnWriter {
    private final ListVector vector;
    private final StructVector entries;
    private final VarCharVector keys;
    private final JsonColumnWriter value;
    private final Utf8Text utf8 = new Utf8Text();

    MapWriter(String name, MapType type, ListVector vector) {
      super(name);
      if (!(type.getKeyType() instanceof StringType)) {
        throw Errors.jsonMapKeys(name, type.getKeyType());
      }
      this.vector = vector;
      this.entries = (StructVector) vector.getDataVector();
      this.keys = (VarCharVector) entries.getChildByOrdinal(0);
      this.value = create(name + ".value", type.getValueType(), (FieldVector) entries.getChildByOrdinal(1));
    }

    @Override
    void writeValue(JsonParser p, int index) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw mismatch(p);
      }
      int offset = vector.startNewValue(index);
      int n = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int slot = offset + n;
        entries.setIndexDefined(slot);
        utf8.setName(keys, slot, p);
        p.nextToken();
        value.write(p, slot);
        n++;
      }
      vector.endValue(index, n);
    }

    @Override
    void writeNull(int index) {
      vector.setNull(index);
    }

    @Override
    String typeName() {
      return "an object";
    }
  }
}
