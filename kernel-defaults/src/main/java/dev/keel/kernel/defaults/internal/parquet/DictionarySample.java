package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

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
    Set<Object> distinct = new HashSet<>();
    int sampled = 0;
    for (int i = 0; i < size && sampled < SAMPLE; i++) {
      if (v.isNullAt(i)) {
        continue;
      }
      sampled++;
      if (type instanceof DoubleType) {
        distinct.add(Double.doubleToLongBits(v.getDouble(i)));
      } else if (type instanceof StringType) {
        distinct.add(v.getString(i));
      } else if (type instanceof BinaryType) {
        distinct.add(ByteBuffer.wrap(v.getBinary(i)));
      } else if (type instanceof DecimalType) {
        distinct.add(v.getDecimal(i));
      } else {
        distinct.add(v.getLong(i));
      }
    }
    return sampled >= MINIMUM && distinct.size() * 2 > sampled;
  }
}
