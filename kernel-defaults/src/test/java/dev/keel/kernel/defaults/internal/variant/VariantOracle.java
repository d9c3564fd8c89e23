package dev.keel.kernel.defaults.internal.variant;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.apache.parquet.variant.Variant;

/**
 * The JSON text of a variant as parquet-variant (Apache Parquet's reference decoder) reads it,
 * written in the conventions Keel documents for {@code Variants.toJson}. Only the leaf formatting
 * is ours; which bytes are a value, a key or an element is parquet-variant's answer.
 */
final class VariantOracle {
  private VariantOracle() {}

  /**
   * @return the JSON text
   * @throws RuntimeException whatever parquet-variant throws for bytes it cannot read
   */
  static String toJson(byte[] metadata, byte[] value) {
    org.apache.parquet.variant.MetadataDictionary.readAll(metadata);
    StringBuilder sb = new StringBuilder();
    // parquet-variant follows every reference, so values that share their bytes render once per
    // reference. A valid variant's text is at most about its field count (under the value's
    // length) times its longest name (under the metadata's length), plus a few characters per
    // byte: past that, the oracle gives up rather than render a shared value a billion times.
    long total = metadata.length + value.length;
    write(sb, new Variant(value, metadata), 1024 + 8 * total + total * total);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Variant v, long maxChars) {
    if (sb.length() > maxChars) {
      throw new IllegalStateException("longer than " + maxChars + " characters");
    }
    switch (v.getType()) {
      case OBJECT -> {
        sb.append('{');
        for (int i = 0; i < v.numObjectElements(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          Variant.ObjectField f = v.getFieldAtIndex(i);
          quote(sb, f.key);
          sb.append(':');
          write(sb, f.value, maxChars);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < v.numArrayElements(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, v.getElementAtIndex(i), maxChars);
        }
        sb.append(']');
      }
      case NULL -> sb.append("null");
      case BOOLEAN -> sb.append(v.getBoolean());
      case BYTE -> sb.append(v.getByte());
      case SHORT -> sb.append(v.getShort());
      case INT -> sb.append(v.getInt());
      case LONG -> sb.append(v.getLong());
      case DOUBLE -> sb.append(v.getDouble());
      case FLOAT -> sb.append(v.getFloat());
      case DECIMAL4, DECIMAL8, DECIMAL16 -> {
        BigDecimal d = v.getDecimal();
        sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
      }
      case STRING -> quote(sb, v.getString());
      case BINARY -> {
        // parquet-variant 1.16.0 positions the buffer at the bytes but leaves its limit at the end
        // of the whole value; the length is the four bytes before them, which it has checked
        ByteBuffer b = v.getBinary().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = new byte[b.getInt(b.position() - 4)];
        b.get(bytes);
        quote(sb, Base64.getEncoder().encodeToString(bytes));
      }
      case DATE -> quote(sb, LocalDate.ofEpochDay(v.getInt()).toString());
      case TIMESTAMP_TZ -> quote(sb, timestamp(v.getLong(), 6) + "+00:00");
      case TIMESTAMP_NTZ -> quote(sb, timestamp(v.getLong(), 6));
      case TIMESTAMP_NANOS_TZ -> quote(sb, timestamp(v.getLong(), 9) + "+00:00");
      case TIMESTAMP_NANOS_NTZ -> quote(sb, timestamp(v.getLong(), 9));
      case UUID -> quote(sb, v.getUUID().toString());
      case TIME -> throw new UnsupportedOperationException("time");
    }
  }

  /** {@code yyyy-MM-dd HH:mm:ss[.fraction]} in UTC, the fraction without trailing zeros. */
  private static String timestamp(long value, int digits) {
    long perSecond = digits == 6 ? 1_000_000L : 1_000_000_000L;
    Instant i =
        Instant.ofEpochSecond(
            Math.floorDiv(value, perSecond),
            Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
    LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder();
    sb.append(t.getYear() < 0 ? "-" : "");
    pad(sb, Math.abs(t.getYear()), t.getYear() < 0 ? 3 : 4);
    sb.append('-');
    pad(sb, t.getMonthValue(), 2);
    sb.append('-');
    pad(sb, t.getDayOfMonth(), 2);
    sb.append(' ');
    pad(sb, t.getHour(), 2);
    sb.append(':');
    pad(sb, t.getMinute(), 2);
    sb.append(':');
    pad(sb, t.getSecond(), 2);
    if (t.getNano() != 0) {
      sb.append('.').append(new BigDecimal(t.getNano()).movePointLeft(9).toPlainString(), 2, 11);
      while (sb.charAt(sb.length() - 1) == '0') {
        sb.setLength(sb.length() - 1);
      }
    }
    return sb.toString();
  }

  private static void pad(StringBuilder sb, int n, int width) {
    String s = Integer.toString(n);
    sb.append("0".repeat(Math.max(0, width - s.length()))).append(s);
  }

  /** A JSON string as Jackson writes it (Spark renders variants with Jackson). */
  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }
}
