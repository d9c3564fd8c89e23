package dev.keel.kernel.internal.txn;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.GatherVector;
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
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the rows of some batches along a Z-order curve of a few columns: each column's values are
 * ranked (nulls first), the ranks scaled to the same number of bits, and the bits of the columns
 * interleaved into one key per row, so that rows close in every column end up close in the output,
 * and files cut from it have narrow min/max ranges in each column.
 */
final class ZOrder {
  private ZOrder() {}

  /**
   * @param batches the input, all of one schema; stay open while the result is used
   * @param columns ordinals of the columns to order by (top-level, of orderable types)
   * @param rowsPerBatch rows per output batch
   * @return batches over the input's rows in Z-order; they own nothing
   */
  static List<ColumnarBatch> sort(List<ColumnarBatch> batches, int[] columns, int rowsPerBatch) {
    int total = 0;
    for (ColumnarBatch b : batches) {
      total += b.getSize();
    }
    int[] batchOf = new int[total];
    int[] rowOf = new int[total];
    for (int b = 0, i = 0; b < batches.size(); b++) {
      for (int r = 0; r < batches.get(b).getSize(); r++, i++) {
        batchOf[i] = b;
        rowOf[i] = r;
      }
    }
    int bits = Math.max(1, 63 / columns.length);
    long[] keys = new long[total];
    for (int k = 0; k < columns.length; k++) {
      long[] rank = ranks(batches, columns[k], batchOf, rowOf);
      long max = Math.max(1, total - 1);
      for (int i = 0; i < total; i++) {
        long scaled = (long) ((double) rank[i] / max * ((1L << bits) - 1));
        for (int bit = 0; bit < bits; bit++) {
          if ((scaled & (1L << bit)) != 0) {
            keys[i] |= 1L << (bit * columns.length + k);
          }
        }
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> keys[i]));
    StructType schema = batches.get(0).getSchema();
    List<ColumnarBatch> out = new ArrayList<>();
    for (int from = 0; from < total; from += rowsPerBatch) {
      int n = Math.min(rowsPerBatch, total - from);
      int[] b = new int[n];
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        b[i] = batchOf[order[from + i]];
        r[i] = rowOf[order[from + i]];
      }
      List<ColumnVector> vectors = new ArrayList<>();
      for (int c = 0; c < schema.length(); c++) {
        ColumnVector[] sources = new ColumnVector[batches.size()];
        for (int s = 0; s < sources.length; s++) {
          sources[s] = batches.get(s).getColumnVector(c);
        }
        vectors.add(new GatherVector(schema.at(c).getDataType(), sources, b, r));
      }
      out.add(new Batches.VectorBatch(schema, vectors, n, List.of()));
    }
    return out;
  }

  /** Each row's rank in one column, nulls first, equal values sharing a rank. */
  private static long[] ranks(List<ColumnarBatch> batches, int column, int[] batchOf, int[] rowOf) {
    int total = batchOf.length;
    DataType type = batches.get(0).getSchema().at(column).getDataType();
    Comparable<?>[] values = new Comparable<?>[total];
    for (int i = 0; i < total; i++) {
      ColumnVector v = batches.get(batchOf[i]).getColumnVector(column);
      values[i] = v.isNullAt(rowOf[i]) ? null : value(v, rowOf[i], type);
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<Integer> byValue =
        (a, b) ->
            values[a] == null
                ? (values[b] == null ? 0 : -1)
                : values[b] == null ? 1 : ((Comparable) values[a]).compareTo(values[b]);
    Arrays.sort(order, byValue);
    long[] rank = new long[total];
    long r = 0;
    for (int i = 0; i < total; i++) {
      if (i > 0 && byValue.compare(order[i - 1], order[i]) != 0) {
        r = i;
      }
      rank[order[i]] = r;
    }
    return rank;
  }

  private static Comparable<?> value(ColumnVector v, int row, DataType t) {
    if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
      return v.getLong(row);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return v.getInt(row);
    } else if (t instanceof ShortType) {
      return v.getShort(row);
    } else if (t instanceof ByteType) {
      return v.getByte(row);
    } else if (t instanceof DoubleType) {
      return v.getDouble(row);
    } else if (t instanceof FloatType) {
      return v.getFloat(row);
    } else if (t instanceof DecimalType) {
      return v.getDecimal(row);
    } else if (t instanceof StringType) {
      return v.getString(row);
    } else if (t instanceof BooleanType) {
      return v.getBoolean(row);
    }
    throw new IllegalArgumentException("cannot Z-order by a column of type " + t);
  }
}
