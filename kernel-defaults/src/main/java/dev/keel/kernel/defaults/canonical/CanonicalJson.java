package dev.keel.kernel.defaults.canonical;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.MapValue;
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
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders rows as canonical JSON lines: object keys sorted, decimals as strings at their scale,
 * floats as the shortest text that reads back to the same value (ECMAScript style, NaN and
 * infinities as strings), binary as base64, dates and timestamps as ISO text (timestamps in UTC
 * with 6 fraction digits), maps as {@code [key, value]} pairs sorted by their text, void columns
 * left out. Two readers that agree on values render identical lines, so results compare as text.
 */
@Evolving
public final class CanonicalJson {
  private CanonicalJson() {}

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  /**
   * @param batch the batch
   * @param rowId the row
   * @return the row as one line of canonical JSON; a variant is rendered as a JSON string holding
   *     its JSON text, as Spark prints it
   */
  public static String row(ColumnarBatch batch, int rowId) {
    StringBuilder sb = new StringBuilder();
    Map<String, String> fields = new TreeMap<>();
    StructType schema = batch.getSchema();
    for (int i = 0; i < schema.length(); i++) {
      StructField f = schema.at(i);
      if (f.getDataType() instanceof VoidType) {
        continue;
      }
      fields.put(f.getName(), value(batch.getColumnVector(i), rowId, f.getDataType()));
    }
    appendObject(sb, fields);
    return sb.toString();
  }

  private static void appendObject(StringBuilder sb, Map<String, String> fields) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, e.getKey());
      sb.append(':').append(e.getValue());
    }
    sb.append('}');
  }

  /**
   * @return the canonical JSON of one value
   */
  public static String value(ColumnVector v, int row, DataType t) {
    if (v.isNullAt(row) || t instanceof VoidType) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    if (t instanceof BooleanType) {
      sb.append(v.getBoolean(row));
    } else if (t instanceof ByteType) {
      sb.append(v.getByte(row));
    } else if (t instanceof ShortType) {
      sb.append(v.getShort(row));
    } else if (t instanceof IntegerType) {
      sb.append(v.getInt(row));
    } else if (t instanceof LongType) {
      sb.append(v.getLong(row));
    } else if (t instanceof FloatType) {
      sb.append(number(v.getFloat(row), true));
    } else if (t instanceof DoubleType) {
      sb.append(number(v.getDouble(row), false));
    } else if (t instanceof DecimalType) {
      string(
          sb,
          v.getDecimal(row)
              .setScale(((DecimalType) t).getScale(), RoundingMode.UNNECESSARY)
              .toPlainString());
    } else if (t instanceof StringType) {
      string(sb, v.getString(row));
    } else if (t instanceof BinaryType) {
      string(sb, Base64.getEncoder().encodeToString(v.getBinary(row)));
    } else if (t instanceof DateType) {
      string(sb, LocalDate.ofEpochDay(v.getInt(row)).toString());
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      long micros = v.getLong(row);
      LocalDateTime ldt =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      string(sb, MICROS.format(ldt) + (t instanceof TimestampType ? "Z" : ""));
    } else if (t instanceof StructType) {
      StructType st = (StructType) t;
      Map<String, String> fields = new TreeMap<>();
      for (int i = 0; i < st.length(); i++) {
        if (!(st.at(i).getDataType() instanceof VoidType)) {
          fields.put(st.at(i).getName(), value(v.getChild(i), row, st.at(i).getDataType()));
        }
      }
      appendObject(sb, fields);
    } else if (t instanceof ArrayType) {
      ArrayValue a = v.getArray(row);
      sb.append('[');
      for (int i = 0; i < a.getSize(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(value(a.getElements(), i, ((ArrayType) t).getElementType()));
      }
      sb.append(']');
    } else if (t instanceof MapType) {
      MapValue m = v.getMap(row);
      List<String> pairs = new ArrayList<>();
      for (int i = 0; i < m.getSize(); i++) {
        pairs.add(
            "["
                + value(m.getKeys(), i, ((MapType) t).getKeyType())
                + ","
                + value(m.getValues(), i, ((MapType) t).getValueType())
                + "]");
      }
      pairs.sort(null);
      sb.append('[').append(String.join(",", pairs)).append(']');
    } else if (t instanceof VariantType) {
      string(sb, dev.keel.kernel.data.Variants.toJson(v, row));
    } else {
      throw new UnsupportedOperationException("cannot render type " + t);
    }
    return sb.toString();
  }

  /**
   * A JSON object of already rendered values, keys in the order given (pass a sorted map for the
   * canonical order).
   *
   * @param fields field name to the JSON text of its value
   * @return the object's text
   */
  public static String object(java.util.Map<String, String> fields) {
    StringBuilder sb = new StringBuilder("{");
    fields.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(',');
          }
          string(sb, k);
          sb.append(':').append(v);
        });
    return sb.append('}').toString();
  }

  /**
   * Appends a JSON string: quote and backslash escaped, \\b \\f \\n \\r \\t, other control
   * characters as a lowercase {@code \\u00xx} escape, everything else literal.
   *
   * @param sb where to append
   * @param s the string
   */
  public static void string(StringBuilder sb, String s) {
    dev.keel.kernel.internal.util.Json.quote(sb, s);
  }

  /**
   * The shortest decimal that reads back to the same float (or double), written as ECMAScript's
   * {@code Number.prototype.toString} writes numbers; NaN and infinities as JSON strings.
   */
  public static String number(double x, boolean isFloat) {
    if (Double.isNaN(x)) {
      return "\"NaN\"";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    if (x == 0) {
      return (Double.doubleToRawLongBits(x) < 0
              || (isFloat && Float.floatToRawIntBits((float) x) < 0))
          ? "-0"
          : "0";
    }
    BigDecimal exact = isFloat ? new BigDecimal((float) x) : new BigDecimal(x);
    BigDecimal shortest = exact;
    for (int p = 1; p <= (isFloat ? 9 : 17); p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      boolean same =
          isFloat
              ? Float.parseFloat(candidate.toString()) == (float) x
              : Double.parseDouble(candidate.toString()) == x;
      if (same) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    StringBuilder sb = new StringBuilder();
    if (shortest.signum() < 0) {
      sb.append('-');
    }
    if (k <= n && n <= 21) {
      sb.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
    }
    return sb.toString();
  }
}
