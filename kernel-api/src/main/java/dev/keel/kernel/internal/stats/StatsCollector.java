package dev.keel.kernel.internal.stats;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
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
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects Delta-style statistics of one file as batches are written: the row count, and for each
 * requested leaf column (top level or inside structs) the null count and, for ordered types
 * (numbers, decimals, strings, dates, timestamps), the exact min and max. NaN is left out of
 * float/double bounds; strings compare by Unicode code point (UTF-8 byte order).
 */
public final class StatsCollector implements DataFileStatistics.Collector {
  private final List<Column> columns;
  private final int[][] paths;
  private final DataType[] types;
  private final Comparable<?>[] mins;
  private final Comparable<?>[] maxs;
  private final long[] nullCounts;
  private long numRecords;

  public StatsCollector(StructType schema, List<Column> columns) {
    this.columns = List.copyOf(columns);
    this.paths = new int[columns.size()][];
    this.types = new DataType[columns.size()];
    this.mins = new Comparable<?>[columns.size()];
    this.maxs = new Comparable<?>[columns.size()];
    this.nullCounts = new long[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      List<String> names = columns.get(c).getNames();
      int[] path = new int[names.size()];
      DataType t = schema;
      for (int k = 0; k < names.size(); k++) {
        if (!(t instanceof StructType) || ((StructType) t).indexOf(names.get(k)) < 0) {
          throw Errors.unknownStatsColumn(columns.get(c), schema);
        }
        path[k] = ((StructType) t).indexOf(names.get(k));
        t = ((StructType) t).at(path[k]).getDataType();
      }
      paths[c] = path;
      types[c] = t;
    }
  }

  @Override
  public void add(ColumnarBatch batch) {
    numRecords += batch.getSize();
    for (int c = 0; c < paths.length; c++) {
      int[] path = paths[c];
      ColumnVector v = batch.getColumnVector(path[0]);
      ColumnVector[] parents = new ColumnVector[path.length];
      parents[0] = v;
      for (int k = 1; k < path.length; k++) {
        parents[k] = parents[k - 1].getChild(path[k]);
      }
      ColumnVector leaf = parents[path.length - 1];
      if (path.length == 1 && addFast(c, leaf, batch.getSize())) {
        continue;
      }
      for (int row = 0; row < batch.getSize(); row++) {
        boolean isNull = false;
        for (ColumnVector p : parents) {
          if (p.isNullAt(row)) {
            isNull = true;
            break;
          }
        }
        if (isNull) {
          nullCounts[c]++;
          continue;
        }
        Comparable<?> value = valueOf(leaf, row, types[c]);
        if (value != null) {
          if (mins[c] == null || compare(value, mins[c]) < 0) {
            mins[c] = value;
          }
          if (maxs[c] == null || compare(value, maxs[c]) > 0) {
            maxs[c] = value;
          }
        }
      }
    }
  }

  /**
   * Bounds of a top-level long, timestamp or double column without boxing each value, and of a
   * string column by its UTF-8 bytes (whose unsigned order is code point order) without making a
   * String of each value.
   *
   * @return false when the column is of another type (the caller takes the general path)
   */
  private boolean addFast(int c, ColumnVector v, int n) {
    DataType t = types[c];
    if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
      boolean any = false;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int row = 0; row < n; row++) {
        if (v.isNullAt(row)) {
          nullCounts[c]++;
        } else {
          long x = v.getLong(row);
          min = Math.min(min, x);
          max = Math.max(max, x);
          any = true;
        }
      }
      if (any) {
        mins[c] = mins[c] == null ? min : Math.min((Long) mins[c], min);
        maxs[c] = maxs[c] == null ? max : Math.max((Long) maxs[c], max);
      }
      return true;
    }
    if (t instanceof DoubleType) {
      boolean any = false;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int row = 0; row < n; row++) {
        if (v.isNullAt(row)) {
          nullCounts[c]++;
        } else {
          double x = v.getDouble(row);
          if (!Double.isNaN(x)) {
            min = x < min || (x == min && Double.compare(x, min) < 0) ? x : min;
            max = x > max || (x == max && Double.compare(x, max) > 0) ? x : max;
            any = true;
          }
        }
      }
      if (any) {
        mins[c] = mins[c] == null || Double.compare(min, (Double) mins[c]) < 0 ? min : mins[c];
        maxs[c] = maxs[c] == null || Double.compare(max, (Double) maxs[c]) > 0 ? max : maxs[c];
      }
      return true;
    }
    if (t instanceof StringType && v instanceof Utf8Vector) {
      Utf8Vector u = (Utf8Vector) v;
      byte[] scratch = new byte[64];
      byte[] min = mins[c] == null ? null : ((String) mins[c]).getBytes(StandardCharsets.UTF_8);
      byte[] max = maxs[c] == null ? null : ((String) maxs[c]).getBytes(StandardCharsets.UTF_8);
      boolean changed = false;
      for (int row = 0; row < n; row++) {
        if (v.isNullAt(row)) {
          nullCounts[c]++;
          continue;
        }
        int len = u.utf8Length(row);
        if (scratch.length < len) {
          scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        u.copyUtf8(row, scratch);
        if (min == null || Arrays.compareUnsigned(scratch, 0, len, min, 0, min.length) < 0) {
          min = Arrays.copyOf(scratch, len);
          changed = true;
        }
        if (max == null || Arrays.compareUnsigned(scratch, 0, len, max, 0, max.length) > 0) {
          max = Arrays.copyOf(scratch, len);
          changed = true;
        }
      }
      if (changed) {
        mins[c] = new String(min, StandardCharsets.UTF_8);
        maxs[c] = new String(max, StandardCharsets.UTF_8);
      }
      return true;
    }
    return false;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable a, Comparable b) {
    if (a instanceof String) {
      return compareCodePoints((String) a, (String) b);
    }
    return a.compareTo(b);
  }

  static int compareCodePoints(String a, String b) {
    return dev.keel.kernel.internal.util.Strings.compareCodePoints(a, b);
  }

  private static Comparable<?> valueOf(ColumnVector v, int row, DataType t) {
    if (t instanceof ByteType) {
      return (long) v.getByte(row);
    } else if (t instanceof ShortType) {
      return (long) v.getShort(row);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return (long) v.getInt(row);
    } else if (t instanceof LongType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType) {
      return v.getLong(row);
    } else if (t instanceof FloatType || t instanceof DoubleType) {
      double d = t instanceof FloatType ? v.getFloat(row) : v.getDouble(row);
      return Double.isNaN(d) ? null : d;
    } else if (t instanceof DecimalType) {
      return v.getDecimal(row);
    } else if (t instanceof StringType) {
      return v.getString(row);
    }
    return null; // boolean, binary, nested: no bounds
  }

  private static Literal toLiteral(Comparable<?> value, DataType t) {
    if (t instanceof ByteType) {
      return Literal.ofByte(((Long) value).byteValue());
    } else if (t instanceof ShortType) {
      return Literal.ofShort(((Long) value).shortValue());
    } else if (t instanceof IntegerType) {
      return Literal.ofInt(((Long) value).intValue());
    } else if (t instanceof DateType) {
      return Literal.ofDate(((Long) value).intValue());
    } else if (t instanceof LongType) {
      return Literal.ofLong((Long) value);
    } else if (t instanceof TimestampType) {
      return Literal.ofTimestamp((Long) value);
    } else if (t instanceof TimestampNTZType) {
      return Literal.ofTimestampNtz((Long) value);
    } else if (t instanceof FloatType) {
      return Literal.ofFloat(((Double) value).floatValue());
    } else if (t instanceof DoubleType) {
      return Literal.ofDouble((Double) value);
    } else if (t instanceof DecimalType) {
      DecimalType d = (DecimalType) t;
      return Literal.ofDecimal((BigDecimal) value, d.getPrecision(), d.getScale());
    }
    return Literal.ofString((String) value);
  }

  @Override
  public DataFileStatistics result() {
    Map<Column, Literal> min = new LinkedHashMap<>();
    Map<Column, Literal> max = new LinkedHashMap<>();
    Map<Column, Long> nulls = new LinkedHashMap<>();
    for (int c = 0; c < paths.length; c++) {
      if (mins[c] != null) {
        min.put(columns.get(c), toLiteral(mins[c], types[c]));
        max.put(columns.get(c), toLiteral(maxs[c], types[c]));
      }
      nulls.put(columns.get(c), nullCounts[c]);
    }
    return new DataFileStatistics(numRecords, min, max, nulls);
  }
}
