package dev.keel.kernel.internal.scan;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.ShortType;

/** Reads an integral value of any width as a long. */
public final class StatsValues {
  private StatsValues() {}

  public static long integral(ColumnVector v, int row, DataType t) {
    if (t instanceof ByteType) {
      return v.getByte(row);
    } else if (t instanceof ShortType) {
      return v.getShort(row);
    } else if (t instanceof IntegerType) {
      return v.getInt(row);
    }
    return v.getLong(row);
  }
}
