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
  private VariantJson() {}

  /**
   * @return the JSON text of the variant
   */
  public static String toJson(byte[] metadata, byte[] value) {
    String[] dictionary = dictionary(metadata);
    StringBuilder sb = new StringBuilder();
    ByteBuffer v = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    write(sb, v, 0, dictionary);
    return sb.toString();
  }

  private static long readUnsigned(ByteBuffer b, int pos, int size) {
    long r = 0;
    for (int i = 0; i < size; i++) {
      r |= (long) (b.get(pos + i) & 0xff) << (8 * i);
    }
    return r;
  }

  public static String[] dictionary(byte[] metadata) {
    ByteBuffer m = ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN);
    int header = m.get(0) & 0xff;
    if ((header & 0x0f) != 1) {
      throw new IllegalArgumentException("unsupported variant metadata version " + (header & 0x0f));
    }
    int offsetSize = ((header >> 6) & 0x3) + 1;
    int size = (int) readUnsigned(m, 1, offsetSize);
    int offsetsStart = 1 + offsetSize;
    int stringsStart = offsetsStart + (size + 1) * offsetSize;
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      int from = (int) readUnsigned(m, offsetsStart + i * offsetSize, offsetSize);
      int to = (int) readUnsigned(m, offsetsStart + (i + 1) * offsetSize, offsetSize);
      out[i] = new String(metadata, stringsStart + from, to - from, StandardCharsets.UTF_8);
    }
    return out;
  }

  private static void write(StringBuilder sb, ByteBuffer v, int pos, String[] dict) {
    int header = v.get(pos) & 0xff;
    int basicType = header & 0x3;
    int typeInfo = header >> 2;
    switch (basicType) {
      case 0:
        primitive(sb, v, pos, typeInfo);
        return;
      case 1:
        {
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
          sb.append('{');
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            int id = (int) readUnsigned(v, ids + i * idSize, idSize);
            string(sb, dict[id]);
            sb.append(':');
            write(
                sb, v, values + (int) readUnsigned(v, offsets + i * offsetSize, offsetSize), dict);
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
          sb.append('[');
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            write(
                sb, v, values + (int) readUnsigned(v, offsets + i * offsetSize, offsetSize), dict);
          }
          sb.append(']');
        }
    }
  }

  private static void primitive(StringBuilder sb, ByteBuffer v, int pos, int type) {
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
        sb.append(plain(BigDecimal.valueOf(v.getInt(p + 1), v.get(p))));
        break;
      case 9:
        sb.append(plain(BigDecimal.valueOf(v.getLong(p + 1), v.get(p))));
        break;
      case 10:
        {
          byte[] le = new byte[16];
          v.get(p + 1, le);
          byte[] be = new byte[16];
          for (int i = 0; i < 16; i++) {
            be[i] = le[15 - i];
          }
          sb.append(plain(new BigDecimal(new BigInteger(be), v.get(p))));
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

  /** The number of bytes of the encoded value starting at {@code pos}. */
  public static int valueSize(byte[] value, int pos) {
    ByteBuffer v = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
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
            return 5 + v.getInt(pos + 1);
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
          int n = (int) readUnsigned(v, pos + 1, countSize);
          int offsets = pos + 1 + countSize + n * idSize;
          return offsets
              - pos
              + (n + 1) * offsetSize
              + (int) readUnsigned(v, offsets + n * offsetSize, offsetSize);
        }
      default:
        {
          int offsetSize = (typeInfo & 0x3) + 1;
          int countSize = ((typeInfo >> 2) & 0x1) != 0 ? 4 : 1;
          int n = (int) readUnsigned(v, pos + 1, countSize);
          int offsets = pos + 1 + countSize;
          return offsets
              - pos
              + (n + 1) * offsetSize
              + (int) readUnsigned(v, offsets + n * offsetSize, offsetSize);
        }
    }
  }
}
