package dev.keel.kernel.defaults.internal.variant;

import dev.keel.kernel.internal.variant.VariantJson;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes variant values (Parquet variant binary encoding), for reconstructing shredded variants
 * and for writing JSON as variants: primitives, objects (fields sorted by name, ids from the
 * metadata dictionary), arrays and metadata dictionaries.
 */
public final class VariantEncoder {
  private VariantEncoder() {}

  /** The variant null value. */
  public static byte[] nullValue() {
    return new byte[] {0};
  }

  private static byte[] primitive(
      int typeId, int payloadBytes, java.util.function.Consumer<ByteBuffer> payload) {
    ByteBuffer b = ByteBuffer.allocate(1 + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) (typeId << 2));
    payload.accept(b);
    return b.array();
  }

  public static byte[] ofBoolean(boolean v) {
    return new byte[] {(byte) ((v ? 1 : 2) << 2)};
  }

  public static byte[] ofByte(byte v) {
    return primitive(3, 1, b -> b.put(v));
  }

  public static byte[] ofShort(short v) {
    return primitive(4, 2, b -> b.putShort(v));
  }

  public static byte[] ofInt(int v) {
    return primitive(5, 4, b -> b.putInt(v));
  }

  public static byte[] ofLong(long v) {
    return primitive(6, 8, b -> b.putLong(v));
  }

  public static byte[] ofDouble(double v) {
    return primitive(7, 8, b -> b.putDouble(v));
  }

  public static byte[] ofFloat(float v) {
    return primitive(14, 4, b -> b.putFloat(v));
  }

  public static byte[] ofDate(int days) {
    return primitive(11, 4, b -> b.putInt(days));
  }

  /**
   * @param utc whether the timestamp is UTC-adjusted (timestamptz) or not (timestampntz)
   */
  public static byte[] ofTimestampMicros(long micros, boolean utc) {
    return primitive(utc ? 12 : 13, 8, b -> b.putLong(micros));
  }

  public static byte[] ofDecimal(BigDecimal d) {
    int scale = d.scale();
    BigInteger unscaled = d.unscaledValue();
    if (d.precision() <= 9) {
      return primitive(8, 5, b -> b.put((byte) scale).putInt(unscaled.intValueExact()));
    }
    if (d.precision() <= 18) {
      return primitive(9, 9, b -> b.put((byte) scale).putLong(unscaled.longValueExact()));
    }
    byte[] be = unscaled.toByteArray();
    byte[] le = new byte[16];
    byte fill = unscaled.signum() < 0 ? (byte) -1 : 0;
    for (int i = 0; i < 16; i++) {
      int j = be.length - 1 - i;
      le[i] = j >= 0 ? be[j] : fill;
    }
    return primitive(10, 17, b -> b.put((byte) scale).put(le));
  }

  public static byte[] ofString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 64) {
      byte[] out = new byte[1 + bytes.length];
      out[0] = (byte) ((bytes.length << 2) | 1);
      System.arraycopy(bytes, 0, out, 1, bytes.length);
      return out;
    }
    return primitive(16, 4 + bytes.length, b -> b.putInt(bytes.length).put(bytes));
  }

  public static byte[] ofBinary(byte[] bytes) {
    return primitive(15, 4 + bytes.length, b -> b.putInt(bytes.length).put(bytes));
  }

  public static byte[] ofUuid(byte[] bigEndian16) {
    byte[] out = new byte[17];
    out[0] = (byte) (20 << 2);
    System.arraycopy(bigEndian16, 0, out, 1, 16);
    return out;
  }

  private static int sizeFor(long max) {
    return max <= 0xFF ? 1 : max <= 0xFFFF ? 2 : max <= 0xFFFFFF ? 3 : 4;
  }

  private static void writeLe(ByteArrayOutputStream out, long v, int size) {
    for (int i = 0; i < size; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  /** An object of the given fields (name to encoded value), field ids from the dictionary. */
  public static byte[] ofObject(Map<String, byte[]> fields, Map<String, Integer> ids) {
    TreeMap<String, byte[]> sorted = new TreeMap<>(fields);
    int n = sorted.size();
    long totalValues = 0;
    int maxId = 0;
    for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
      Integer id = ids.get(e.getKey());
      if (id == null) {
        throw new IllegalArgumentException(
            "field `" + e.getKey() + "` is not in the variant metadata dictionary");
      }
      maxId = Math.max(maxId, id);
      totalValues += e.getValue().length;
    }
    int idSize = sizeFor(maxId);
    int offsetSize = sizeFor(totalValues);
    boolean large = n > 255;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((((offsetSize - 1) | ((idSize - 1) << 2) | ((large ? 1 : 0) << 4)) << 2) | 2);
    writeLe(out, n, large ? 4 : 1);
    for (String name : sorted.keySet()) {
      writeLe(out, ids.get(name), idSize);
    }
    long offset = 0;
    for (byte[] v : sorted.values()) {
      writeLe(out, offset, offsetSize);
      offset += v.length;
    }
    writeLe(out, offset, offsetSize);
    for (byte[] v : sorted.values()) {
      out.write(v, 0, v.length);
    }
    return out.toByteArray();
  }

  public static byte[] ofArray(List<byte[]> elements) {
    long total = 0;
    for (byte[] e : elements) {
      total += e.length;
    }
    int offsetSize = sizeFor(total);
    boolean large = elements.size() > 255;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((((offsetSize - 1) | ((large ? 1 : 0) << 2)) << 2) | 3);
    writeLe(out, elements.size(), large ? 4 : 1);
    long offset = 0;
    for (byte[] e : elements) {
      writeLe(out, offset, offsetSize);
      offset += e.length;
    }
    writeLe(out, offset, offsetSize);
    for (byte[] e : elements) {
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /**
   * Encodes a JSON document as a variant, as Spark's {@code parse_json} does: objects (keys in a
   * sorted dictionary), arrays, strings, booleans, null, integers in the smallest integer type,
   * other numbers as decimals when they fit 38 digits, else doubles.
   *
   * @param json the document
   * @return the metadata and the value binaries
   * @throws dev.keel.kernel.internal.util.Json.JsonSyntaxException if it is not JSON
   */
  public static byte[][] fromJson(String json) {
    Object tree = dev.keel.kernel.internal.util.Json.parse(json);
    java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    collectKeys(tree, keys);
    List<String> names = new ArrayList<>(keys);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      ids.put(names.get(i), i);
    }
    return new byte[][] {metadata(names), encode(tree, ids)};
  }

  private static void collectKeys(Object v, java.util.Set<String> keys) {
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        keys.add((String) e.getKey());
        collectKeys(e.getValue(), keys);
      }
    } else if (v instanceof List) {
      for (Object e : (List<?>) v) {
        collectKeys(e, keys);
      }
    }
  }

  private static byte[] encode(Object v, Map<String, Integer> ids) {
    if (v == null) {
      return nullValue();
    }
    if (v instanceof Boolean) {
      return ofBoolean((Boolean) v);
    }
    if (v instanceof String) {
      return ofString((String) v);
    }
    if (v instanceof Long) {
      long l = (Long) v;
      return l == (byte) l
          ? ofByte((byte) l)
          : l == (short) l ? ofShort((short) l) : l == (int) l ? ofInt((int) l) : ofLong(l);
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      BigDecimal exact =
          v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(Double.toString(d));
      if (exact.scale() < 0) {
        exact = exact.setScale(0); // variant decimals have a scale of 0 to 38
      }
      return exact.precision() <= 38 && exact.scale() <= 38 ? ofDecimal(exact) : ofDouble(d);
    }
    if (v instanceof Map) {
      Map<String, byte[]> fields = new HashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        fields.put((String) e.getKey(), encode(e.getValue(), ids));
      }
      return ofObject(fields, ids);
    }
    List<byte[]> elements = new ArrayList<>();
    for (Object e : (List<?>) v) {
      elements.add(encode(e, ids));
    }
    return ofArray(elements);
  }

  /** A metadata dictionary of the given names, in order (sorted when they are). */
  public static byte[] metadata(List<String> names) {
    List<byte[]> bytes = new ArrayList<>();
    long total = 0;
    boolean sorted = true;
    for (int i = 0; i < names.size(); i++) {
      byte[] b = names.get(i).getBytes(StandardCharsets.UTF_8);
      bytes.add(b);
      total += b.length;
      sorted &= i == 0 || names.get(i - 1).compareTo(names.get(i)) < 0;
    }
    int offsetSize = sizeFor(Math.max(total, names.size()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1 | (sorted ? 0x10 : 0) | ((offsetSize - 1) << 6));
    writeLe(out, names.size(), offsetSize);
    long offset = 0;
    for (byte[] b : bytes) {
      writeLe(out, offset, offsetSize);
      offset += b.length;
    }
    writeLe(out, offset, offsetSize);
    for (byte[] b : bytes) {
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  /** The name-to-id map of a metadata dictionary. */
  public static Map<String, Integer> dictionaryIds(byte[] metadata) {
    String[] names = VariantJson.dictionary(metadata);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      ids.putIfAbsent(names[i], i);
    }
    return ids;
  }

  /**
   * The fields of an encoded object value (name to encoded field value), or null if it is not an
   * object.
   */
  public static Map<String, byte[]> objectFields(byte[] value, byte[] metadata) {
    ByteBuffer v = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    int header = v.get(0) & 0xff;
    if ((header & 3) != 2) {
      return null;
    }
    String[] dict = VariantJson.dictionary(metadata);
    int typeInfo = header >> 2;
    int offsetSize = (typeInfo & 3) + 1;
    int idSize = ((typeInfo >> 2) & 3) + 1;
    boolean large = ((typeInfo >> 4) & 1) != 0;
    int countSize = large ? 4 : 1;
    int n = (int) read(v, 1, countSize);
    int idsAt = 1 + countSize;
    int offsetsAt = idsAt + n * idSize;
    int valuesAt = offsetsAt + (n + 1) * offsetSize;
    List<Integer> starts = new ArrayList<>();
    Map<String, byte[]> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      starts.add((int) read(v, offsetsAt + i * offsetSize, offsetSize));
    }
    for (int i = 0; i < n; i++) {
      int start = valuesAt + starts.get(i);
      int length = VariantJson.valueSize(value, start);
      byte[] field = new byte[length];
      System.arraycopy(value, start, field, 0, length);
      out.put(dict[(int) read(v, idsAt + i * idSize, idSize)], field);
    }
    return out;
  }

  private static long read(ByteBuffer b, int pos, int size) {
    long r = 0;
    for (int i = 0; i < size; i++) {
      r |= (long) (b.get(pos + i) & 0xff) << (8 * i);
    }
    return r;
  }
}
