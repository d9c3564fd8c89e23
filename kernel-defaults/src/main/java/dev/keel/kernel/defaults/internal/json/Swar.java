package dev.keel.kernel.defaults.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): a word of the array is tested for
 * the bytes sought with a few arithmetic operations, and only a word that has one is looked at byte
 * by byte. The tests are exact (no false positives), so results equal a plain loop's.
 */
final class Swar {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';

  private Swar() {}

  /**
   * @return whether some byte of {@code x} is zero
   */
  static boolean hasZeroByte(long x) {
    return ((x - ONES) & ~x & HIGHS) != 0;
  }

  /**
   * @return the first index of {@code '\n'} in {@code b[from, to)}, or -1
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to && !hasZeroByte((long) LONGS.get(b, i) ^ NEWLINES)) {
      i += 8;
    }
    return indexOf(b, (byte) '\n', i, to);
  }

  /**
   * @return the index of the first word of {@code b[from, to)} that holds a byte that is not
   *     printable ASCII or is a quote or a backslash (the bytes a JSON string may hold as they
   *     are), or the index of the last incomplete word: the caller goes on byte by byte from there
   */
  static int skipPlainString(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(b, i);
      long q = x ^ QUOTES;
      long s = x ^ BACKSLASHES;
      long special = x | ((x - SPACES) & ~x) | ((q - ONES) & ~q) | ((s - ONES) & ~s);
      if ((special & HIGHS) != 0) {
        break;
      }
      i += 8;
    }
    return i;
  }

  /**
   * @return the first index of {@code c} in {@code b[from, to)}, or -1
   */
  static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
