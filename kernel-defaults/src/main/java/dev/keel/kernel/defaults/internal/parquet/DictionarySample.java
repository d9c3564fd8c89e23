package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.nio.charset.StandardCharsets;

/**
 * Decides from a sample whether a column is worth a dictionary. parquet-mr tries one for every
 * column and falls back to plain encoding when it does not pay, after hashing every value of the
 * page into it: for random longs, doubles or unique strings that is most of the encoding time.
 */
final class DictionarySample {
  private static final int SAMPLE = 1024;
  private static final int MINIMUM = 128;

  private DictionarySample() {}

  /**
   * @return whether at least half of the first non-null values (up to {@value #SAMPLE}) of a
   *     top-level column of a wide type are distinct; false for small samples and other types
   */
  static boolean mostlyDistinct(ColumnVector v, DataType type, int size) {
    if (!(type instanceof LongType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType
        || type instanceof DoubleType
        || type instanceof StringType
        || type instanceof BinaryType
        || type instanceof DecimalType)) {
      return false;
    }
    long[] seen = new long[2 * SAMPLE]; // 64-bit hashes of the values; 0 marks a free slot
    byte[] utf8 = type instanceof StringType && v instanceof Utf8Vector ? new byte[256] : null;
    int distinct = 0;
    int sampled = 0;
    for (int i = 0; i < size && sampled < SAMPLE; i++) {
      if (v.isNullAt(i)) {
        continue;
      }
      sampled++;
      long h;
      if (type instanceof DoubleType) {
        h = Double.doubleToLongBits(v.getDouble(i));
      } else if (utf8 != null) {
        Utf8Vector u = (Utf8Vector) v;
        int length = u.utf8Length(i);
        if (utf8.length < length) {
          utf8 = new byte[Math.max(length, 2 * utf8.length)];
        }
        u.copyUtf8(i, utf8);
        h = hash(utf8, length);
      } else if (type instanceof StringType) {
        h = hash(v.getString(i).getBytes(StandardCharsets.UTF_8));
      } else if (type instanceof BinaryType) {
        h = hash(v.getBinary(i));
      } else if (type instanceof DecimalType) {
        h = v.getDecimal(i).hashCode();
      } else {
        h = v.getLong(i);
      }
      if (add(seen, h)) {
        distinct++;
      }
    }
    return sampled >= MINIMUM && distinct * 2 > sampled;
  }

  /**
   * Adds a value's hash to an open-addressing set of hashes.
   *
   * @return whether it was not there yet
   */
  private static boolean add(long[] seen, long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    if (h == 0) {
      h = 1; // 0 marks a free slot
    }
    int mask = seen.length - 1;
    for (int slot = (int) (h >>> 40) & mask; ; slot = (slot + 1) & mask) {
      if (seen[slot] == 0) {
        seen[slot] = h;
        return true;
      }
      if (seen[slot] == h) {
        return false;
      }
    }
  }

  private static long hash(byte[] bytes) {
    return hash(bytes, bytes.length);
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** A 64-bit hash of the first {@code length} bytes, eight at a time. */
  private static long hash(byte[] bytes, int length) {
    long h = length;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 32;
    }
    for (; i < length; i++) {
      h = (h ^ bytes[i]) * 0x100000001B3L;
    }
    return h;
  }
}
