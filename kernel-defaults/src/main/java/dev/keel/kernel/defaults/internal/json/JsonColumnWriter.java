package dev.keel.kernel.defaults.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.keel.kernel.defaults.internal.arrow.RawBuffers;
import dev.keel.kernel.defaults.internal.arrow.ShallowStructs;
import dev.keel.kernel.internal.util.ValueParsers;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Writes the JSON value under a {@link JsonReader}'s cursor into slot {@code index} of one Arrow
 * vector, according to the Delta type. One writer per column, created once per batch; nested types
 * get child writers. Struct fields are matched by their names' bytes, the field that came next in
 * the last document tried first. Unrequested object fields are skipped with {@code skipChildren()}
 * without building any tree.
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
  final void write(JsonReader p, int index) {
    if (p.token() == JsonReader.NULL) {
      writeNull(index);
      return;
    }
    try {
      writeValue(p, index);
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      throw new ValueException(
          "cannot read " + describe(p) + " as " + typeName() + " for field `" + name + "`", e);
    }
  }

  abstract void writeValue(JsonReader p, int index);

  abstract void writeNull(int index);

  abstract String typeName();

  ValueException mismatch(JsonReader p) {
    return new ValueException(
        "expected " + typeName() + " for field `" + name + "` but found " + describe(p), null);
  }

  private static String describe(JsonReader p) {
    int t = p.token();
    if (t == JsonReader.START_OBJECT) {
      return "an object";
    }
    if (t == JsonReader.START_ARRAY) {
      return "an array";
    }
    return "`" + p.text() + "`";
  }

  /**
   * The value under the cursor as JSON text: an object or array as Jackson writes it compactly (the
   * cursor then stands on its closing bracket), a scalar as {@link JsonReader#text}.
   */
  static String textOf(JsonReader p) {
    int t = p.token();
    if (t == JsonReader.START_OBJECT || t == JsonReader.START_ARRAY) {
      int from = p.tokenStart();
      p.skipChildren();
      StringWriter w = new StringWriter();
      try (JsonParser source = RAW_COPY.createParser(p.bytes(), from, p.position() - from);
          JsonGenerator g = RAW_COPY.createGenerator(w)) {
        source.nextToken();
        g.copyCurrentStructure(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // cannot happen: the bytes were read as JSON already
      }
      return w.toString();
    }
    return p.text();
  }

  static JsonColumnWriter create(String name, DataType type, FieldVector vector) {
    return create(name, type, vector, -1);
  }

  /**
   * @param vector the vector to write, allocated, or a {@linkplain ShallowStructs shallow} struct
   * @param rows the expected number of rows, for the children a shallow struct allocates; -1 for
   *     Arrow's default
   */
  static JsonColumnWriter create(String name, DataType type, FieldVector vector, int rows) {
    return type.accept(new JsonColumnWriters(name, vector, rows));
  }

  /**
   * Writes the string or field name under the cursor as UTF-8: ASCII is copied as it lies or
   * unescaped byte by byte.
   */
  static void setText(VarCharVector v, int index, JsonReader p) {
    if (p.isPlain()) {
      RawBuffers.setSafe(v, index, p.bytes(), p.textStart(), p.textLength());
      return;
    }
    int length = p.unescape();
    if (length >= 0) {
      RawBuffers.setSafe(v, index, p.unescapedBytes(), 0, length);
    } else {
      v.setSafe(index, p.text().getBytes(StandardCharsets.UTF_8));
    }
  }

  static long integral(JsonReader p) {
    int t = p.token();
    if (t == JsonReader.NUMBER_INT) {
      return p.longValue();
    }
    if (t == JsonReader.STRING) {
      return Long.parseLong(p.text().trim());
    }
    if (t == JsonReader.NUMBER_FLOAT) {
      return p.decimalValue().longValueExact();
    }
    throw new NumberFormatException("not an integer");
  }

  /** {@link #integral}, refused with "out of range" outside {@code [min, max]}. */
  static long integral(JsonReader p, long min, long max) {
    long l = integral(p);
    if (l < min || l > max) {
      throw new ArithmeticException("out of range");
    }
    return l;
  }

  static double floating(JsonReader p) {
    int t = p.token();
    if (t == JsonReader.NUMBER_INT || t == JsonReader.NUMBER_FLOAT) {
      return p.doubleValue();
    }
    if (t == JsonReader.STRING) {
      return ValueParsers.parseDouble(p.text());
    }
    throw new NumberFormatException("not a number");
  }

  /** A primitive column: nulls clear the validity bit. */
  abstract static class Primitive extends JsonColumnWriter {
    private final String typeName;
    private final org.apache.arrow.vector.BaseFixedWidthVector fixed;
    private final org.apache.arrow.vector.BaseVariableWidthVector variable;

    Primitive(String name, String typeName, FieldVector vector) {
      super(name);
      this.typeName = typeName;
      this.fixed =
          vector instanceof org.apache.arrow.vector.BaseFixedWidthVector
              ? (org.apache.arrow.vector.BaseFixedWidthVector) vector
              : null;
      this.variable =
          vector instanceof org.apache.arrow.vector.BaseVariableWidthVector
              ? (org.apache.arrow.vector.BaseVariableWidthVector) vector
              : null;
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
   * A struct column; also used for the top level of each document. A field's writer is made when a
   * document first has a value for it; below the top level, its vector is then {@linkplain
   * ShallowStructs#prepare prepared}, so a field no document has stays unallocated.
   */
  static final class Struct extends JsonColumnWriter {
    private final StructVector vector;
    private final int rows;
    private final JsonColumnWriter[] children;

    /** Per field, its name's UTF-8 bytes. */
    private final byte[][] names;

    /** Per field, its name's bytes when {@link JsonReader#isGuessable}, else null. */
    private final byte[][] guesses;

    /**
     * The ordinal to try first for the next field name: fields tend to come in the same order in
     * every document.
     */
    private int expected;

    /** The ordinal of the first field of the last document, the guess for the next one's first. */
    private int first;

    private final StructType type;
    private final IntFunction<FieldVector> topLevel; // null below the top level

    Struct(String name, StructType type, StructVector vector, int rows) {
      super(name);
      this.vector = vector;
      this.rows = rows;
      this.type = type;
      this.topLevel = null;
      this.children = new JsonColumnWriter[type.length()];
      this.names = namesOf(type);
      this.guesses = guessesOf(names);
    }

    /**
     * For the top level: fields write straight into the batch's vectors, asked of {@code topLevel}
     * when a document first has a value for them (so a lazy batch builder makes only the vectors
     * that are written).
     */
    Struct(StructType type, IntFunction<FieldVector> topLevel, int rows) {
      super("<root>");
      this.vector = null;
      this.rows = rows;
      this.type = type;
      this.topLevel = topLevel;
      this.children = new JsonColumnWriter[type.length()];
      this.names = namesOf(type);
      this.guesses = guessesOf(names);
    }

    private static byte[][] namesOf(StructType type) {
      byte[][] names = new byte[type.length()][];
      for (int i = 0; i < names.length; i++) {
        names[i] = type.at(i).getName().getBytes(StandardCharsets.UTF_8);
      }
      return names;
    }

    private static byte[][] guessesOf(byte[][] names) {
      byte[][] guesses = new byte[names.length + 1][]; // the last: after the last field, none
      for (int i = 0; i < names.length; i++) {
        guesses[i] = JsonReader.isGuessable(names[i]) ? names[i] : null;
      }
      return guesses;
    }

    private JsonColumnWriter child(int i) {
      if (children[i] == null) {
        DataType childType = type.at(i).getDataType();
        FieldVector v;
        if (topLevel != null) {
          v = topLevel.apply(i);
        } else {
          v = (FieldVector) vector.getChildByOrdinal(i);
          ShallowStructs.prepare(v, childType, rows);
        }
        children[i] = create(type.at(i).getName(), childType, v, rows);
      }
      return children[i];
    }

    @Override
    void writeValue(JsonReader p, int index) {
      if (p.token() != JsonReader.START_OBJECT) {
        throw mismatch(p);
      }
      if (vector != null) {
        RawBuffers.setIndexDefined(vector, index);
      }
      // Fields absent from the document stay null: Arrow validity bits start cleared.
      expected = first;
      boolean atFirst = true;
      while (p.nextName(guesses[expected]) == JsonReader.FIELD_NAME) {
        int ordinal;
        if (p.guessed()) {
          ordinal = expected++;
        } else {
          ordinal = ordinalOf(p);
        }
        if (atFirst) {
          first = Math.max(ordinal, 0);
          atFirst = false;
        }
        int valueToken = p.nextValue();
        if (ordinal < 0) {
          if (valueToken == JsonReader.START_OBJECT || valueToken == JsonReader.START_ARRAY) {
            p.skipChildren();
          }
        } else {
          child(ordinal).write(p, index);
        }
      }
    }

    /**
     * @return the ordinal of the field name under the cursor, or -1 for a field not in the schema
     */
    private int ordinalOf(JsonReader p) {
      int guess = expected;
      if (guess < names.length && p.nameIs(names[guess])) {
        expected = guess + 1;
        return guess;
      }
      for (int i = 0; i < names.length; i++) {
        if (i != guess && p.nameIs(names[i])) {
          expected = i + 1;
          return i;
        }
      }
      return -1;
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
}
