package dev.keel.kernel.defaults.internal.json;

import dev.keel.kernel.defaults.internal.arrow.RawBuffers;
import dev.keel.kernel.defaults.internal.json.JsonColumnWriter.Primitive;
import dev.keel.kernel.defaults.internal.variant.VariantEncoder;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.internal.util.ValueParsers;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypeVisitor;
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
import dev.keel.kernel.types.VoidType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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
 * Makes the {@link JsonColumnWriter} of one column from its Delta type: a writer per primitive type
 * that reads JSON's token kinds as Delta's JSON conventions allow (numbers as strings, dates and
 * timestamps as text or numbers), and the struct, array, map and variant writers.
 */
final class JsonColumnWriters implements DataTypeVisitor<JsonColumnWriter> {
  private final String name;
  private final FieldVector vector;
  private final int rows;

  /**
   * @param vector the vector to write, allocated, or a shallow struct
   * @param rows the expected number of rows, for the children a shallow struct allocates; -1 for
   *     Arrow's default
   */
  JsonColumnWriters(String name, FieldVector vector, int rows) {
    this.name = name;
    this.vector = vector;
    this.rows = rows;
  }

  /** A type the JSON reader has no writer for. */
  @Override
  public JsonColumnWriter visitOther(DataType type) {
    throw Errors.jsonCannotRead(name, type);
  }

  @Override
  public JsonColumnWriter visitBoolean(BooleanType type) {
    BitVector v = (BitVector) vector;
    return new Primitive(name, "boolean", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        int t = p.token();
        if (t == JsonReader.TRUE || t == JsonReader.FALSE) {
          RawBuffers.setSafe(v, i, t == JsonReader.TRUE ? 1 : 0);
        } else if (t == JsonReader.STRING
            && ("true".equals(p.text()) || "false".equals(p.text()))) {
          v.setSafe(i, "true".equals(p.text()) ? 1 : 0);
        } else {
          throw mismatch(p);
        }
      }
    };
  }

  @Override
  public JsonColumnWriter visitByte(ByteType type) {
    TinyIntVector v = (TinyIntVector) vector;
    return new Primitive(name, "byte", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        v.setSafe(i, (byte) JsonColumnWriter.integral(p, Byte.MIN_VALUE, Byte.MAX_VALUE));
      }
    };
  }

  @Override
  public JsonColumnWriter visitShort(ShortType type) {
    SmallIntVector v = (SmallIntVector) vector;
    return new Primitive(name, "short", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        v.setSafe(i, (short) JsonColumnWriter.integral(p, Short.MIN_VALUE, Short.MAX_VALUE));
      }
    };
  }

  @Override
  public JsonColumnWriter visitInteger(IntegerType type) {
    IntVector v = (IntVector) vector;
    return new Primitive(name, "integer", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        RawBuffers.setSafe(v, i, Math.toIntExact(JsonColumnWriter.integral(p)));
      }
    };
  }

  @Override
  public JsonColumnWriter visitLong(LongType type) {
    BigIntVector v = (BigIntVector) vector;
    return new Primitive(name, "long", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        RawBuffers.setSafe(v, i, JsonColumnWriter.integral(p));
      }
    };
  }

  @Override
  public JsonColumnWriter visitFloat(FloatType type) {
    Float4Vector v = (Float4Vector) vector;
    return new Primitive(name, "float", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        v.setSafe(i, (float) JsonColumnWriter.floating(p));
      }
    };
  }

  @Override
  public JsonColumnWriter visitDouble(DoubleType type) {
    Float8Vector v = (Float8Vector) vector;
    return new Primitive(name, "double", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        v.setSafe(i, JsonColumnWriter.floating(p));
      }
    };
  }

  @Override
  public JsonColumnWriter visitDecimal(DecimalType type) {
    DecimalVector v = (DecimalVector) vector;
    int scale = type.getScale();
    return new Primitive(name, type.toString(), v) {
      @Override
      void writeValue(JsonReader p, int i) {
        BigDecimal d;
        int t = p.token();
        if (t == JsonReader.NUMBER_INT || t == JsonReader.NUMBER_FLOAT) {
          d = p.decimalValue();
        } else if (t == JsonReader.STRING) {
          d = new BigDecimal(p.text().trim());
        } else {
          throw mismatch(p);
        }
        v.setSafe(i, d.setScale(scale, RoundingMode.HALF_UP));
      }
    };
  }

  @Override
  public JsonColumnWriter visitString(StringType type) {
    VarCharVector v = (VarCharVector) vector;
    return new Primitive(name, "string", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        if (p.token() == JsonReader.STRING) {
          JsonColumnWriter.setText(v, i, p);
        } else {
          v.setSafe(i, JsonColumnWriter.textOf(p).getBytes(StandardCharsets.UTF_8));
        }
      }
    };
  }

  @Override
  public JsonColumnWriter visitBinary(BinaryType type) {
    VarBinaryVector v = (VarBinaryVector) vector;
    return new Primitive(name, "binary", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        if (p.token() != JsonReader.STRING) {
          throw mismatch(p);
        }
        v.setSafe(i, p.text().getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public JsonColumnWriter visitDate(DateType type) {
    DateDayVector v = (DateDayVector) vector;
    return new Primitive(name, "date", v) {
      @Override
      void writeValue(JsonReader p, int i) {
        int t = p.token();
        if (t == JsonReader.STRING) {
          v.setSafe(i, ValueParsers.parseDate(p.text()));
        } else if (t == JsonReader.NUMBER_INT) {
          v.setSafe(i, Math.toIntExact(p.longValue()));
        } else {
          throw mismatch(p);
        }
      }
    };
  }

  private JsonColumnWriter timestamp(DataType type, boolean ntz) {
    TimeStampVector v = (TimeStampVector) vector;
    return new Primitive(name, type.toString(), v) {
      @Override
      void writeValue(JsonReader p, int i) {
        int t = p.token();
        if (t == JsonReader.STRING) {
          String s = p.text();
          v.setSafe(i, ntz ? ValueParsers.parseTimestampNtz(s) : ValueParsers.parseTimestamp(s));
        } else if (t == JsonReader.NUMBER_INT) {
          v.setSafe(i, p.longValue());
        } else {
          throw mismatch(p);
        }
      }
    };
  }

  @Override
  public JsonColumnWriter visitTimestamp(TimestampType type) {
    return timestamp(type, false);
  }

  @Override
  public JsonColumnWriter visitTimestampNtz(TimestampNTZType type) {
    return timestamp(type, true);
  }

  @Override
  public JsonColumnWriter visitVoid(VoidType type) {
    return new JsonColumnWriter(name) {
      @Override
      void writeValue(JsonReader p, int i) {
        p.skipChildren();
      }

      @Override
      void writeNull(int index) {}

      @Override
      String typeName() {
        return "void";
      }
    };
  }

  @Override
  public JsonColumnWriter visitStruct(StructType type) {
    return new JsonColumnWriter.Struct(name, type, (StructVector) vector, rows);
  }

  @Override
  public JsonColumnWriter visitArray(ArrayType type) {
    return new Array(name, type.getElementType(), (ListVector) vector);
  }

  @Override
  public JsonColumnWriter visitMap(MapType type) {
    return new MapWriter(name, type, (ListVector) vector);
  }

  @Override
  public JsonColumnWriter visitVariant(VariantType type) {
    return new VariantWriter(name, (StructVector) vector);
  }

  /**
   * A variant column: the JSON value (any JSON, a string included) is encoded as variant metadata
   * and value binaries, as Spark's {@code parse_json} would.
   */
  static final class VariantWriter extends JsonColumnWriter {
    private final StructVector vector;

    VariantWriter(String name, StructVector vector) {
      super(name);
      this.vector = vector;
    }

    @Override
    void writeValue(JsonReader p, int index) {
      String json =
          p.token() == JsonReader.STRING ? Json.toJson(p.text()) : JsonColumnWriter.textOf(p);
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

  static final class Array extends JsonColumnWriter {
    private final ListVector vector;
    private final JsonColumnWriter element;

    Array(String name, DataType elementType, ListVector vector) {
      super(name);
      this.vector = vector;
      this.element =
          JsonColumnWriter.create(name + ".element", elementType, vector.getDataVector());
    }

    @Override
    void writeValue(JsonReader p, int index) {
      if (p.token() != JsonReader.START_ARRAY) {
        throw mismatch(p);
      }
      int offset = vector.startNewValue(index);
      int n = 0;
      while (p.next() != JsonReader.END_ARRAY) {
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

  static final class MapWriter extends JsonColumnWriter {
    private final ListVector vector;
    private final StructVector entries;
    private final VarCharVector keys;
    private final JsonColumnWriter value;

    MapWriter(String name, MapType type, ListVector vector) {
      super(name);
      if (!(type.getKeyType() instanceof StringType)) {
        throw Errors.jsonMapKeys(name, type.getKeyType());
      }
      this.vector = vector;
      this.entries = (StructVector) vector.getDataVector();
      this.keys = (VarCharVector) entries.getChildByOrdinal(0);
      this.value =
          JsonColumnWriter.create(
              name + ".value", type.getValueType(), (FieldVector) entries.getChildByOrdinal(1));
    }

    @Override
    void writeValue(JsonReader p, int index) {
      if (p.token() != JsonReader.START_OBJECT) {
        throw mismatch(p);
      }
      int offset = vector.startNewValue(index);
      int n = 0;
      while (p.next() == JsonReader.FIELD_NAME) {
        int slot = offset + n;
        RawBuffers.setIndexDefined(entries, slot);
        setText(keys, slot, p);
        p.nextValue();
        value.write(p, slot);
        n++;
      }
      RawBuffers.endValue(vector, index, n);
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
