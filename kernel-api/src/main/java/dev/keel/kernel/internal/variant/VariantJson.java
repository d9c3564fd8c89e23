package dev.keel.kernel.internal.variant;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Renders a variant (Parquet variant binary encoding: a metadata dictionary and a value) as JSON
 * text the way Spark's {@code VariantVal.toString} does: objects in stored (sorted) key order,
 * doubles and floats as Java prints them, decimals without trailing zeros, dates as {@code
 * yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]+00:00} in UTC (fraction without
 * trailing zeros), binary as base64.
 */
public final class VariantJson {
  /** Deeper values are refused: Spark's JSON parser, which makes variants, stops at 1,000. */
  static final int MAX_DEPTH = 1_000;

  /** The longest JSON text rendered; a longer one is refused rather than exhausting the heap. */
  static final int MAX_CHARS = 128 << 20;

  private final ByteBuffer v;
  private final int length;
  private final String[] dict;
  private final StringBuilder sb = new StringBuilder();

  /**
   * Bytes of the value not yet rendered. Every value owns its header, counts, ids and offsets (and
   * a primitive or string its payload); values that overlap, which the encoding forbids, would
   * spend more than there is, and are refused instead of being rendered once per reference.
   */
  private long budget;

  private VariantJson(byte[] metadata, byte[] value) {
    this.dict = dictionary(metadata);
    this.v = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    this.length = value.length;
    this.budget = value.length;
  }

  /**
   * @return the JSON text of the variant
   * @throws IllegalArgumentException if the bytes are not a valid variant, say why
   * @throws IndexOutOfBoundsException if an offset or size points outside the bytes
   */
  public static String toJson(byte[] metadata, byte[] value) {
    VariantJson r = new VariantJson(metadata, value);
    r.write(0, value.length, 0);
    return r.sb.toString();
  }

  private static long readUnsigned(ByteBuffer b, int pos, int size) {
    long r = 0;
    for (int i = 0; i < size; i++) {
      r |= (long) (b.get(pos + i) & 0xff) << (8 * i);
    }
    return r;
  }

  /**
   * The names of a metadata dictionary, by id.
   *
   * @throws IllegalArgumentException if the dictionary is not valid, say why
   * @throws IndexOutOfBoundsException if it is cut short
   */
  public static String[] dictionary(byte[] metadata) {
    ByteBuffer m = ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN);
    int header = m.get(0) & 0xff;
    if ((header & 0x0f) != 1) {
      throw new IllegalArgumentException("unsupported variant metadata version " + (header & 0x0f));
    }
    int offsetSize = ((header >> 6) & 0x3) + 1;
    long size = readUnsigned(m, 1, offsetSize);
    long offsetsStart = 1 + offsetSize;
    long stringsStart = offsetsStart + (size + 1) * offsetSize;
    if (stringsStart > metadata.length) {
      throw new IllegalArgumentException(
          "the metadata declares " + size + " names but has " + metadata.length + " bytes");
    }
    String[] out = new String[(int) size];
    int from = (int) readUnsigned(m, (int) offsetsStart, offsetSize);
    for (int i = 0; i < size; i++) {
      int to = (int) readUnsigned(m, (int) offsetsStart + (i + 1) * offsetSize, offsetSize);
      if (from < 0 || to < from || stringsStart + to > metadata.length) {
        throw new IllegalArgumentException("name " + i + " of the metadata lies outside it");
      }
      out[i] = new String(metadata, (int) stringsStart + from, to - from, StandardCharsets.UTF_8);
      from = to;
    }
    return out;
  }

  /** Renders the value at {@code pos}, which must end by {@code end}. */
  private void write(int pos, int end, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("it nests deeper than " + MAX_DEPTH + " levels");
    }
    if (sb.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "its JSON text is longer than " + MAX_CHARS + " characters");
    }
    int size = valueSize(v, pos);
    if (size <= 0 || (long) pos + size > end) {
      throw new IllegalArgumentException("the value at byte " + pos + " runs past its container");
    }
    int header = v.get(pos) & 0xff;
    int basicType = header & 0x3;
    int typeInfo = header >> 2;
    switch (basicType) {
      case 0:
        spend(size);
        primitive(pos, typeInfo);
        return;
      case 1:
        {
          spend(size);
          byte[] s = new byte[typeInfo];
          v.get(pos + 1, s);
          string(sb, new String(s, StandardCharsets.UTF_8));
          return;
        }
      case 2:
        {
          int offsetSize = (typeInfo & 0x3) + 1;
          int idSize = ((typeInfo >> 2) & 0x3) + 1;
          boolean large = ((typeInfo >> 4) & 0x1) != 0;
          int countSize = large ? 4 : 1;
          int n = (int) readUnsigned(v, pos + 1, countSize);
          int ids = pos + 1 + countSize;
          int offsets = ids + n * idSize;
          int values = offsets + (n + 1) * offsetSize;
          spend(values - pos);
          int valuesEnd = pos + size;
          sb.append('{');
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            long id = readUnsigned(v, ids + i * idSize, idSize);
            if (id >= dict.length) {
              throw new IllegalArgumentException(
                  "field id " + id + " is not in the metadata's " + dict.length + " names");
            }
            string(sb, dict[(int) id]);
            sb.append(':');
            write(child(values, offsets, i, offsetSize, valuesEnd), valuesEnd, depth + 1);
          }
          sb.append('}');
          return;
        }
      default:
        {
          int offsetSize = (typeInfo & 0x3) + 1;
          boolean large = ((typeInfo >> 2) & 0x1) != 0;
          int countSize = large ? 4 : 1;
          int n = (int) readUnsigned(v, pos + 1, countSize);
          int offsets = pos + 1 + countSize;
          int values = offsets + (n + 1) * offsetSize;
          spend(values - pos);
          int valuesEnd = pos + size;
          sb.append('[');
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            write(child(values, offsets, i, offsetSize, valuesEnd), valuesEnd, depth + 1);
          }
          sb.append(']');
        }
    }
  }

  /** Where the {@code i}th child of a container starts. */
  private int child(int values, int offsets, int i, int offsetSize, int valuesEnd) {
    long at = values + readUnsigned(v, offsets + i * offsetSize, offsetSize);
    if (at >= valuesEnd) {
      throw new IllegalArgumentException("element " + i + " lies outside its container");
    }
    return (int) at;
  }

  private void spend(long bytes) {
    budget -= bytes;
    if (budget < 0) {
      throw new IllegalArgumentException("its values overlap");
    }
  }

  private void primitive(int pos, int type) {
    int p = pos + 1;
    switch (type) {
      case 0:
        sb.append("null");
        break;
      case 1:
        sb.append("true");
        break;
      case 2:
        sb.append("false");
        break;
      case 3:
        sb.append(v.get(p));
        break;
      case 4:
        sb.append(v.getShort(p));
        break;
      case 5:
        sb.append(v.getInt(p));
        break;
      case 6:
        sb.append(v.getLong(p));
        break;
      case 7:
        sb.append(Double.toString(v.getDouble(p)));
        break;
      case 8:
        sb.append(plain(decimal(BigInteger.valueOf(v.getInt(p + 1)), v.get(p), 9)));
        break;
      case 9:
        sb.append(plain(decimal(BigInteger.valueOf(v.getLong(p + 1)), v.get(p), 18)));
        break;
      case 10:
        {
          byte[] le = new byte[16];
          v.get(p + 1, le);
          byte[] be = new byte[16];
          for (int i = 0; i < 16; i++) {
            be[i] = le[15 - i];
          }
          sb.append(plain(decimal(new BigInteger(be), v.get(p), 38)));
          break;
        }
      case 11:
        string(sb, LocalDate.ofEpochDay(v.getInt(p)).toString());
        break;
      case 12:
      case 13:
        string(sb, timestamp(v.getLong(p), 1000) + (type == 12 ? "+00:00" : ""));
        break;
      case 18:
      case 19:
        string(sb, timestamp(v.getLong(p), 1) + (type == 18 ? "+00:00" : ""));
        break;
      case 14:
        sb.append(Float.toString(v.getFloat(p)));
        break;
      case 15:
        {
          byte[] bytes = new byte[v.getInt(p)];
          v.get(p + 4, bytes);
          string(sb, Base64.getEncoder().encodeToString(bytes));
          break;
        }
      case 16:
        {
          byte[] bytes = new byte[v.getInt(p)];
          v.get(p + 4, bytes);
          string(sb, new String(bytes, StandardCharsets.UTF_8));
          break;
        }
      case 20:
        {
          ByteBuffer be = v.duplicate().order(ByteOrder.BIG_ENDIAN);
          string(sb, new UUID(be.getLong(p), be.getLong(p + 8)).toString());
          break;
        }
      default:
        throw new IllegalArgumentException("unsupported variant primitive type " + type);
    }
  }

  /** A decimal of at most {@code precision} digits and a scale from 0 to that precision. */
  private static BigDecimal decimal(BigInteger unscaled, int scale, int precision) {
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "decimal scale " + scale + " is outside 0 to " + precision);
    }
    BigDecimal d = new BigDecimal(unscaled, scale);
    if (unscaled.signum() != 0 && d.precision() > precision) {
      throw new IllegalArgumentException(
          "decimal " + d.toPlainString() + " has more than " + precision + " digits");
    }
    return d;
  }

  /** Spark prints variant decimals without trailing zeros. */
  private static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /**
   * @param nanosPerUnit 1000 for microsecond values, 1 for nanosecond values
   */
  private static String timestamp(long value, long nanosPerUnit) {
    long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
    long seconds = Math.floorDiv(value, unitsPerSecond);
    long nanos = Math.floorMod(value, unitsPerSecond) * nanosPerUnit;
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    String base =
        String.format(
            "%04d-%02d-%02d %02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond());
    if (nanos == 0) {
      return base;
    }
    String fraction = String.format("%09d", nanos);
    int end = fraction.length();
    while (end > 0 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    return base + "." + fraction.substring(0, end);
  }

  private static void string(StringBuilder sb, String s) {
    dev.keel.kernel.internal.util.Json.quote(sb, s, true);
  }

  /**
   * The number of bytes of the encoded value starting at {@code pos}, or -1 if its sizes point
   * outside the bytes or overflow an int.
   */
  public static int valueSize(byte[] value, int pos) {
    return valueSize(ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN), pos);
  }

  /**
   * The number of bytes of the value at {@code pos} of a little-endian buffer, or a negative number
   * if its sizes overflow an int.
   */
  private static int valueSize(ByteBuffer v, int pos) {
    int header = v.get(pos) & 0xff;
    int basicType = header & 0x3;
    int typeInfo = header >> 2;
    switch (basicType) {
      case 0:
        switch (typeInfo) {
          case 0:
          case 1:
          case 2:
            return 1;
          case 3:
            return 2;
          case 4:
            return 3;
          case 5:
          case 11:
          case 14:
            return 5;
          case 6:
          case 7:
          case 12:
          case 13:
          case 17:
          case 18:
          case 19:
            return 9;
          case 8:
            return 6;
          case 9:
            return 10;
          case 10:
            return 18;
          case 15:
          case 16:
            int payload = v.getInt(pos + 1);
            return payload < 0 ? -1 : bounded(5L + payload);
          case 20:
            return 17;
          default:
            throw new IllegalArgumentException("unsupported variant primitive type " + typeInfo);
        }
      case 1:
        return 1 + typeInfo;
      case 2:
        {
          int offsetSize = (typeInfo & 0x3) + 1;
          int idSize = ((typeInfo >> 2) & 0x3) + 1;
          int countSize = ((typeInfo >> 4) & 0x1) != 0 ? 4 : 1;
          long n = readUnsigned(v, pos + 1, countSize);
          long offsets = pos + 1L + countSize + n * idSize;
          return containerSize(v, pos, offsets, n, offsetSize);
        }
      default:
        {
          int offsetSize = (typeInfo & 0x3) + 1;
          int countSize = ((typeInfo >> 2) & 0x1) != 0 ? 4 : 1;
          long n = readUnsigned(v, pos + 1, countSize);
          long offsets = pos + 1L + countSize;
          return containerSize(v, pos, offsets, n, offsetSize);
        }
    }
  }

  /** The size of a container from its last offset, or -1 if that lies outside the buffer. */
  private static int containerSize(ByteBuffer v, int pos, long offsets, long n, int offsetSize) {
    long last = offsets + n * offsetSize;
    if (last + offsetSize > v.limit()) {
      return -1;
    }
    return bounded(last - pos + offsetSize + readUnsigned(v, (int) last, offsetSize));
  }

  private static int bounded(long size) {
    return size > Integer.MAX_VALUE ? -1 : (int) size;
  }
}
