package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import io.airlift.slice.Slices;
import io.trino.spi.block.Bitmap;
import io.trino.spi.block.Block;
import io.trino.spi.block.ByteArrayBlock;
import io.trino.spi.block.IntArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.ShortArrayBlock;
import io.trino.spi.block.VariableWidthBlock;
import java.util.Optional;

/**
 * Trino blocks of flat columns built in one pass over the selected rows, straight into the arrays
 * Trino's blocks hold (no block builder, no per-value type dispatch). Other types go through {@link
 * PageConverter}.
 */
final class FlatBlocks {
  private FlatBlocks() {}

  /**
   * @return the block of rows {@code rows[0..count)} of {@code v}, or empty when the type has no
   *     flat form here
   */
  static Optional<Block> of(ColumnVector v, DataType type, int[] rows, int count) {
    long[] valid = null;
    for (int r = 0; r < count; r++) {
      if (v.isNullAt(rows[r])) {
        if (valid == null) {
          valid = Bitmap.allocateWords(count, true);
        }
        Bitmap.clear(valid, 0, r);
      }
    }
    Optional<long[]> nulls = Optional.ofNullable(valid);
    if (type instanceof LongType || type instanceof TimestampNTZType) {
      long[] values = new long[count];
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = v.getLong(rows[r]);
        }
      }
      return Optional.of(new LongArrayBlock(count, nulls, values));
    } else if (type instanceof DoubleType) {
      long[] values = new long[count];
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = Double.doubleToLongBits(v.getDouble(rows[r]));
        }
      }
      return Optional.of(new LongArrayBlock(count, nulls, values));
    } else if (type instanceof IntegerType || type instanceof DateType) {
      int[] values = new int[count];
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = v.getInt(rows[r]);
        }
      }
      return Optional.of(new IntArrayBlock(count, nulls, values));
    } else if (type instanceof FloatType) {
      int[] values = new int[count];
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = Float.floatToRawIntBits(v.getFloat(rows[r]));
        }
      }
      return Optional.of(new IntArrayBlock(count, nulls, values));
    } else if (type instanceof ShortType) {
      short[] values = new short[count];
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = v.getShort(rows[r]);
        }
      }
      return Optional.of(new ShortArrayBlock(count, nulls, values));
    } else if (type instanceof ByteType || type instanceof BooleanType) {
      byte[] values = new byte[count];
      boolean bool = type instanceof BooleanType;
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          values[r] = bool ? (byte) (v.getBoolean(rows[r]) ? 1 : 0) : v.getByte(rows[r]);
        }
      }
      return Optional.of(new ByteArrayBlock(count, nulls, values));
    } else if (type instanceof StringType && v instanceof Utf8Vector utf8) {
      int[] offsets = new int[count + 1];
      long total = 0;
      for (int r = 0; r < count; r++) {
        if (valid == null || Bitmap.isSet(valid, 0, r)) {
          total += utf8.utf8Length(rows[r]);
        }
        if (total > Integer.MAX_VALUE) {
          return Optional.empty(); // too large for one block's bytes: the builder splits nothing
        }
        offsets[r + 1] = (int) total;
      }
      byte[] bytes = new byte[(int) total];
      byte[] value = new byte[64];
      for (int r = 0; r < count; r++) {
        int length = offsets[r + 1] - offsets[r];
        if (length > 0) {
          if (value.length < length) {
            value = new byte[Math.max(length, value.length * 2)];
          }
          utf8.copyUtf8(rows[r], value);
          System.arraycopy(value, 0, bytes, offsets[r], length);
        }
      }
      return Optional.of(
          new VariableWidthBlock(count, Slices.wrappedBuffer(bytes), offsets, nulls));
    }
    return Optional.empty();
  }
}
