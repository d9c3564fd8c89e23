package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
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
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;

/**
 * How two values of (possibly different) types compare: the comparison domain both sides are
 * promoted to, and row accessors in that domain.
 */
final class Values {
  private Values() {}

  enum Domain {
    LONG,
    DOUBLE,
    DECIMAL,
    STRING,
    BINARY,
    BOOLEAN
  }

  static boolean isIntegral(DataType t) {
    return t instanceof ByteType
        || t instanceof ShortType
        || t instanceof IntegerType
        || t instanceof LongType;
  }

  private static boolean isNumeric(DataType t) {
    return isIntegral(t)
        || t instanceof FloatType
        || t instanceof DoubleType
        || t instanceof DecimalType;
  }

  /** The domain in which {@code a} and {@code b} compare, or null if they are not comparable. */
  static Domain domain(DataType a, DataType b) {
    if (isNumeric(a) && isNumeric(b)) {
      if (isIntegral(a) && isIntegral(b)) {
        return Domain.LONG;
      }
      if (a instanceof FloatType
          || a instanceof DoubleType
          || b instanceof FloatType
          || b instanceof DoubleType) {
        return Domain.DOUBLE;
      }
      return Domain.DECIMAL;
    }
    if (a instanceof DateType && b instanceof DateType) {
      return Domain.LONG;
    }
    if ((a instanceof TimestampType && b instanceof TimestampType)
        || (a instanceof TimestampNTZType && b instanceof TimestampNTZType)) {
      return Domain.LONG;
    }
    if (a instanceof StringType && b instanceof StringType) {
      return Domain.STRING;
    }
    if (a instanceof BinaryType && b instanceof BinaryType) {
      return Domain.BINARY;
    }
    if (a instanceof BooleanType && b instanceof BooleanType) {
      return Domain.BOOLEAN;
    }
    return null;
  }

  static long getLong(ColumnVector v, int row) {
    DataType t = v.getDataType();
    if (t instanceof ByteType) {
      return v.getByte(row);
    } else if (t instanceof ShortType) {
      return v.getShort(row);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return v.getInt(row);
    }
    return v.getLong(row);
  }

  static double getDouble(ColumnVector v, int row) {
    DataType t = v.getDataType();
    if (t instanceof FloatType) {
      return v.getFloat(row);
    } else if (t instanceof DoubleType) {
      return v.getDouble(row);
    } else if (t instanceof DecimalType) {
      return v.getDecimal(row).doubleValue();
    }
    return getLong(v, row);
  }

  static BigDecimal getDecimal(ColumnVector v, int row) {
    if (v.getDataType() instanceof DecimalType) {
      return v.getDecimal(row);
    }
    return BigDecimal.valueOf(getLong(v, row));
  }

  /** Spark's order for doubles: -0.0 equals 0.0, NaN equals NaN and is above every number. */
  static int compareDoubles(double a, double b) {
    if (a == b) {
      return 0; // also -0.0 == 0.0
    }
    boolean an = Double.isNaN(a);
    boolean bn = Double.isNaN(b);
    if (an || bn) {
      return an && bn ? 0 : an ? 1 : -1;
    }
    return a < b ? -1 : 1;
  }

  /** Compares strings by Unicode code point, which is UTF-8 byte order. */
  static int compareStrings(String a, String b) {
    return dev.keel.kernel.internal.util.Strings.compareCodePoints(a, b);
  }

  static int compareBinary(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /**
   * Compares row {@code i} of {@code a} with row {@code j} of {@code b}, both non-null, in {@code
   * d}.
   */
  static int compare(Domain d, ColumnVector a, int i, ColumnVector b, int j) {
    switch (d) {
      case LONG:
        return Long.compare(getLong(a, i), getLong(b, j));
      case DOUBLE:
        return compareDoubles(getDouble(a, i), getDouble(b, j));
      case DECIMAL:
        return getDecimal(a, i).compareTo(getDecimal(b, j));
      case STRING:
        return compareStrings(a.getString(i), b.getString(j));
      case BINARY:
        return compareBinary(a.getBinary(i), b.getBinary(j));
      case BOOLEAN:
        return Boolean.compare(a.getBoolean(i), b.getBoolean(j));
      default:
        throw new IllegalStateException("unknown domain " + d);
    }
  }
}
