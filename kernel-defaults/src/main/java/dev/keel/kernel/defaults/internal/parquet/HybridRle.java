package dev.keel.kernel.defaults.internal.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Reads Parquet's run-length / bit-packing hybrid encoding (definition levels, dictionary indexes)
 * from a region of a page buffer, many values per call. A run is a varint header: an even header is
 * a repeated run ({@code header >>> 1} copies of one value stored in {@code ceil(width / 8)}
 * little-endian bytes); an odd one is {@code header >>> 1} groups of 8 values bit-packed
 * least-significant bit first. A last bit-packed group cut short by the end of the region reads its
 * missing bits as zeros (as parquet-hadoop does).
 */
final class HybridRle {
  /** Reads a little-endian {@code long} from any offset of a byte array. */
  static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Reads a little-endian {@code int} from any offset of a byte array. */
  static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] buf;
  private final int end;
  private final int width;
  private final long mask;
  private int pos;

  private int runLeft;
  private boolean packed;
  private int runValue;
  private int packedStart;
  private int packedIndex;

  /**
   * @param buf the page
   * @param start first byte of the encoded values
   * @param end one past the last byte
   * @param width bits per value, 0 to 32
   */
  HybridRle(byte[] buf, int start, int end, int width) {
    if (width < 0 || width > 32 || start < 0 || start > end || end > buf.length) {
      throw new ParquetDecodingException(
          "invalid run-length/bit-packed region: width "
              + width
              + ", bytes "
              + start
              + " to "
              + end
              + " of "
              + buf.length);
    }
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.width = width;
    this.mask = (1L << width) - 1;
  }

  /** Reads the next {@code n} values into {@code out[off..off+n)}. */
  void read(int[] out, int off, int n) {
    int i = 0;
    while (i < n) {
      if (runLeft == 0) {
        nextRun();
        continue;
      }
      int m = Math.min(runLeft, n - i);
      if (packed) {
        for (int k = 0; k < m; k++) {
          out[off + i + k] = unpack(packedIndex + k);
        }
        packedIndex += m;
      } else {
        Arrays.fill(out, off + i, off + i + m, runValue);
      }
      runLeft -= m;
      i += m;
    }
  }

  /**
   * If the next {@code n} values all lie in one run-length run, consumes them and returns their
   * value; otherwise consumes nothing and returns -1 (then {@link #read} them). A column that is
   * null, or present, for long stretches has its definition levels stored as such runs.
   */
  int skipRun(int n) {
    if (runLeft == 0 && pos < end) {
      nextRun();
    }
    if (packed || runLeft < n) {
      return -1;
    }
    runLeft -= n;
    return runValue;
  }

  private void nextRun() {
    if (pos >= end) {
      throw new ParquetDecodingException(
          "run-length/bit-packed values end before the page's value count");
    }
    int header = readVarInt();
    if ((header & 1) == 0) {
      packed = false;
      runLeft = header >>> 1;
      int value = 0;
      int bytes = (width + 7) >>> 3;
      for (int b = 0; b < bytes; b++) {
        value |= (byteAt(pos + b)) << (8 * b);
      }
      pos += bytes;
      if (pos > end) {
        throw new ParquetDecodingException("run-length value cut short by the end of the page");
      }
      runValue = value;
    } else {
      int groups = header >>> 1;
      packed = true;
      runLeft = groups * 8;
      packedStart = pos;
      packedIndex = 0;
      pos = (int) Math.min(end, pos + (long) groups * width);
    }
  }

  private int readVarInt() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= end) {
        break;
      }
      int b = buf[pos++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new ParquetDecodingException("malformed run header in run-length/bit-packed values");
  }

  private int unpack(int index) {
    long bit = (long) index * width;
    int first = packedStart + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    long word;
    if (first + 8 <= end) {
      word = (long) LONG_LE.get(buf, first); // shift + width <= 39 bits, all inside this word
    } else {
      word = 0;
      for (int b = 0; first + b < end && b < 8; b++) {
        word |= (long) (buf[first + b] & 0xff) << (8 * b);
      }
    }
    return (int) ((word >>> shift) & mask);
  }

  private int byteAt(int p) {
    return p < end ? buf[p] & 0xff : 0;
  }
}
