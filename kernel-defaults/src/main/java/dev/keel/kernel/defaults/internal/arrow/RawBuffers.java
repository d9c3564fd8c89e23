package dev.keel.kernel.defaults.internal.arrow;

import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads and writes of Arrow buffers that a decoder allocated and holds while it fills them, with
 * one range check against the buffer's capacity instead of Arrow's per-call chain (range, reference
 * count through the ledger). Only for buffers the caller knows are open: a released buffer is not
 * detected. On a 1,000,000-file checkpoint listing, Arrow's checks on these calls were about a
 * tenth of the CPU. The vector-level writes below do what the vector's {@code setSafe} does when
 * the value fits, and call it when it does not (it grows the buffers).
 */
public final class RawBuffers {
  private RawBuffers() {}

  private static long address(ArrowBuf buf, long index, int width) {
    if (index < 0 || index > buf.capacity() - width) {
      throw new IndexOutOfBoundsException(
          "cannot access "
              + width
              + (width == 1 ? " byte" : " bytes")
              + " at index "
              + index
              + " of a buffer of "
              + buf.capacity()
              + " bytes");
    }
    return buf.memoryAddress() + index;
  }

  /** Writes the 4-byte int at byte {@code index}. */
  public static void setInt(ArrowBuf buf, long index, int value) {
    MemoryUtil.putInt(address(buf, index, 4), value);
  }

  /** Reads the 4-byte int at byte {@code index}. */
  public static int getInt(ArrowBuf buf, long index) {
    return MemoryUtil.getInt(address(buf, index, 4));
  }

  /** Writes the 8-byte long at byte {@code index}. */
  public static void setLong(ArrowBuf buf, long index, long value) {
    MemoryUtil.putLong(address(buf, index, 8), value);
  }

  /** Sets bit {@code bit} of a validity or boolean buffer. */
  public static void setBit(ArrowBuf buf, long bit) {
    long a = address(buf, bit >>> 3, 1);
    MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) | (1 << (bit & 7))));
  }

  /** Clears bit {@code bit} of a validity or boolean buffer. */
  public static void clearBit(ArrowBuf buf, long bit) {
    long a = address(buf, bit >>> 3, 1);
    MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) & ~(1 << (bit & 7))));
  }

  private static boolean fits(BaseFixedWidthVector v, int index, int width) {
    return index >= 0
        && (long) index * width + width <= v.getDataBuffer().capacity()
        && (index >>> 3) < v.getValidityBuffer().capacity();
  }

  /** As {@code v.setSafe(index, value)}. */
  public static void setSafe(BigIntVector v, int index, long value) {
    if (!fits(v, index, 8)) {
      v.setSafe(index, value);
      return;
    }
    setBit(v.getValidityBuffer(), index);
    setLong(v.getDataBuffer(), (long) index * 8, value);
  }

  /** As {@code v.setSafe(index, value)}. */
  public static void setSafe(IntVector v, int index, int value) {
    if (!fits(v, index, 4)) {
      v.setSafe(index, value);
      return;
    }
    setBit(v.getValidityBuffer(), index);
    setInt(v.getDataBuffer(), (long) index * 4, value);
  }

  /** As {@code v.setSafe(index, value)}: true for a value other than 0. */
  public static void setSafe(BitVector v, int index, int value) {
    if (index < 0
        || (index >>> 3) >= v.getDataBuffer().capacity()
        || (index >>> 3) >= v.getValidityBuffer().capacity()) {
      v.setSafe(index, value);
      return;
    }
    setBit(v.getValidityBuffer(), index);
    if (value != 0) {
      setBit(v.getDataBuffer(), index);
    } else {
      clearBit(v.getDataBuffer(), index);
    }
  }

  /**
   * As {@code v.setSafe(index, bytes, start, length)} of a string or binary vector. Quick when the
   * row is the one after the last set (no null rows to fill in before it) and the bytes fit.
   */
  public static void setSafe(
      BaseVariableWidthVector v, int index, byte[] bytes, int start, int length) {
    Objects.checkFromIndexSize(start, length, bytes.length);
    if (index >= 0 && index == v.getLastSet() + 1) {
      ArrowBuf offsets = v.getOffsetBuffer();
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      if ((long) index * 4 + 8 <= offsets.capacity() && (index >>> 3) < validity.capacity()) {
        int from = getInt(offsets, (long) index * 4);
        if (from >= 0 && from + (long) length <= data.capacity()) {
          setBit(validity, index);
          setInt(offsets, (long) index * 4 + 4, from + length);
          MemoryUtil.copyToMemory(bytes, start, data.memoryAddress() + from, length);
          v.setLastSet(index);
          return;
        }
      }
    }
    v.setSafe(index, bytes, start, length);
  }

  /** Sets struct row {@code index} present, as {@code v.setIndexDefined(index)}. */
  public static void setIndexDefined(StructVector v, int index) {
    ArrowBuf validity = v.getValidityBuffer();
    if (index >= 0 && (index >>> 3) < validity.capacity()) {
      setBit(validity, index);
    } else {
      v.setIndexDefined(index);
    }
  }

  /**
   * Ends list row {@code index} after {@code size} elements, as {@code v.endValue(index, size)}.
   */
  public static void endValue(ListVector v, int index, int size) {
    ArrowBuf offsets = v.getOffsetBuffer();
    long at = (long) (index + 1) * ListVector.OFFSET_WIDTH;
    setInt(offsets, at, getInt(offsets, at) + size);
  }
}
