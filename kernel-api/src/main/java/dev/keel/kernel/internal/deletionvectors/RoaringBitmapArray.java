package dev.keel.kernel.internal.deletionvectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The set of deleted row indexes of one deletion vector, decoded from Delta's RoaringBitmapArray
 * format (PROTOCOL.md, "Deletion Vector Format"): magic number 1681511377, then a 64-bit roaring
 * bitmap in the portable format (bucket count, then per bucket a 32-bit key and a standard 32-bit
 * roaring bitmap with array, bitmap and run containers). Held as a sorted array.
 */
public final class RoaringBitmapArray {
  public static final int MAGIC = 1681511377;
  private static final int SERIAL_COOKIE_NO_RUN = 12346;
  private static final int SERIAL_COOKIE = 12347;
  private static final int NO_OFFSET_THRESHOLD = 4;

  private final long[] values;

  private RoaringBitmapArray(long[] values) {
    this.values = values;
  }

  /**
   * @return the deleted row indexes, ascending
   */
  public long[] toArray() {
    return values.clone();
  }

  /**
   * @return the number of deleted rows
   */
  public long cardinality() {
    return values.length;
  }

  /**
   * @return whether {@code rowIndex} is deleted
   */
  public boolean contains(long rowIndex) {
    return Arrays.binarySearch(values, rowIndex) >= 0;
  }

  /**
   * @param bytes the serialized DV: magic number then the portable 64-bit bitmap
   * @throws IllegalArgumentException if the bytes are not in this format
   */
  public static RoaringBitmapArray deserialize(byte[] bytes) {
    return deserialize(bytes, Integer.MAX_VALUE - 8);
  }

  /**
   * @param bytes the serialized DV: magic number then the portable 64-bit bitmap
   * @param maxValues the most row indexes to accept (the cardinality the log gives): a few bytes of
   *     runs can stand for billions of rows, and no more are ever held in memory than this
   * @throws IllegalArgumentException if the bytes are not in this format, or hold more values
   */
  public static RoaringBitmapArray deserialize(byte[] bytes, long maxValues) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12) {
      throw new IllegalArgumentException("deletion vector too short: " + bytes.length + " bytes");
    }
    int magic = b.getInt();
    if (magic != MAGIC) {
      throw new IllegalArgumentException(
          "unexpected deletion vector magic number " + magic + ", expected " + MAGIC);
    }
    long buckets = b.getLong();
    if (buckets < 0 || buckets > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("invalid bucket count " + buckets);
    }
    if (buckets > b.remaining() / 8) { // each bucket holds at least its key and cookie
      throw new IllegalArgumentException(
          "invalid bucket count " + buckets + " for " + bytes.length + " bytes");
    }
    LongList out = new LongList(Math.min(maxValues, Integer.MAX_VALUE - 8));
    for (long i = 0; i < buckets; i++) {
      long high = Integer.toUnsignedLong(b.getInt()) << 32;
      read32(b, high, out);
    }
    long[] values = out.toArray();
    for (int i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        Arrays.sort(values);
        break;
      }
    }
    return new RoaringBitmapArray(values);
  }

  /**
   * @param rowIndexes deleted row indexes, non-negative, in any order, duplicates allowed
   * @return the set of them
   */
  public static RoaringBitmapArray of(long[] rowIndexes) {
    long[] v = Arrays.stream(rowIndexes).sorted().distinct().toArray();
    if (v.length > 0 && v[0] < 0) {
      throw new IllegalArgumentException("row indexes must not be negative: " + v[0]);
    }
    return new RoaringBitmapArray(v);
  }

  /**
   * @return the union of this set and {@code other}
   */
  public RoaringBitmapArray union(RoaringBitmapArray other) {
    long[] all = Arrays.copyOf(values, values.length + other.values.length);
    System.arraycopy(other.values, 0, all, values.length, other.values.length);
    return of(all);
  }

  /**
   * Serializes in the format {@link #deserialize} reads: the magic number, the bucket count, and
   * per 32-bit bucket its key and a portable 32-bit roaring bitmap without run containers (array
   * containers up to 4096 values, bitmap containers above).
   *
   * @return the bytes of the deletion vector
   */
  public byte[] serialize() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buckets = 0;
    for (int i = 0; i < values.length; ) {
      int j = i;
      while (j < values.length && (values[j] >>> 32) == (values[i] >>> 32)) {
        j++;
      }
      buckets++;
      i = j;
    }
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(MAGIC).putLong(buckets);
    out.writeBytes(head.array());
    for (int i = 0; i < values.length; ) {
      int j = i;
      while (j < values.length && (values[j] >>> 32) == (values[i] >>> 32)) {
        j++;
      }
      out.writeBytes(serialize32((int) (values[i] >>> 32), values, i, j));
      i = j;
    }
    return out.toByteArray();
  }

  /** One bucket: its key, then the portable 32-bit bitmap of the low halves of values[from, to). */
  private static byte[] serialize32(int bucketKey, long[] values, int from, int to) {
    List<int[]> containers = new ArrayList<>(); // {key, start, end}
    for (int i = from; i < to; ) {
      int key = (int) ((values[i] >>> 16) & 0xFFFF);
      int j = i;
      while (j < to && (int) ((values[j] >>> 16) & 0xFFFF) == key) {
        j++;
      }
      containers.add(new int[] {key, i, j});
      i = j;
    }
    int size = containers.size();
    int bytes =
        4 + 4 + 4
            + 8 * size; // bucket key, cookie, container count, then per container key+cardinality
    // and offset
    for (int[] c : containers) {
      bytes += c[2] - c[1] <= 4096 ? 2 * (c[2] - c[1]) : 8192;
    }
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(bucketKey);
    b.putInt(SERIAL_COOKIE_NO_RUN).putInt(size);
    for (int[] c : containers) {
      b.putShort((short) c[0]).putShort((short) (c[2] - c[1] - 1));
    }
    int offset = 4 + 4 + 8 * size; // offsets count from the cookie
    for (int[] c : containers) {
      b.putInt(offset);
      offset += c[2] - c[1] <= 4096 ? 2 * (c[2] - c[1]) : 8192;
    }
    for (int[] c : containers) {
      if (c[2] - c[1] <= 4096) {
        for (int k = c[1]; k < c[2]; k++) {
          b.putShort((short) (values[k] & 0xFFFF));
        }
      } else {
        long[] words = new long[1024];
        for (int k = c[1]; k < c[2]; k++) {
          int low = (int) (values[k] & 0xFFFF);
          words[low >>> 6] |= 1L << (low & 63);
        }
        for (long w : words) {
          b.putLong(w);
        }
      }
    }
    return b.array();
  }

  /** Reads one standard 32-bit roaring bitmap, adding {@code high | value} for each value. */
  private static void read32(ByteBuffer b, long high, LongList out) {
    int cookie = b.getInt();
    int size;
    byte[] runMarkers = null;
    boolean hasRun = (cookie & 0xFFFF) == SERIAL_COOKIE;
    if (hasRun) {
      size = (cookie >>> 16) + 1;
      runMarkers = new byte[(size + 7) / 8];
      b.get(runMarkers);
    } else if (cookie == SERIAL_COOKIE_NO_RUN) {
      size = b.getInt();
    } else {
      throw new IllegalArgumentException("invalid roaring bitmap cookie " + cookie);
    }
    // a 32-bit bitmap has at most 65,536 containers, each described by 4 bytes
    if (size < 0 || size > 65_536 || size > b.remaining() / 4) {
      throw new IllegalArgumentException(
          "invalid container count " + size + " with " + b.remaining() + " bytes left");
    }
    int[] keys = new int[size];
    int[] cardinalities = new int[size];
    for (int i = 0; i < size; i++) {
      keys[i] = Short.toUnsignedInt(b.getShort());
      cardinalities[i] = Short.toUnsignedInt(b.getShort()) + 1;
    }
    if (!hasRun || size >= NO_OFFSET_THRESHOLD) {
      b.position(b.position() + 4 * size); // container offsets, not needed when reading in order
    }
    for (int i = 0; i < size; i++) {
      long base = high | ((long) keys[i] << 16);
      boolean isRun = runMarkers != null && (runMarkers[i / 8] & (1 << (i % 8))) != 0;
      if (isRun) {
        int runs = Short.toUnsignedInt(b.getShort());
        if (runs > b.remaining() / 4) {
          throw new IllegalArgumentException(
              "invalid run count " + runs + " with " + b.remaining() + " bytes left");
        }
        for (int r = 0; r < runs; r++) {
          int start = Short.toUnsignedInt(b.getShort());
          int length = Short.toUnsignedInt(b.getShort());
          for (int v = start; v <= start + length; v++) {
            out.add(base | v);
          }
        }
      } else if (cardinalities[i] <= 4096) {
        for (int j = 0; j < cardinalities[i]; j++) {
          out.add(base | Short.toUnsignedInt(b.getShort()));
        }
      } else {
        for (int w = 0; w < 1024; w++) {
          long word = b.getLong();
          while (word != 0) {
            int bit = Long.numberOfTrailingZeros(word);
            out.add(base | (w * 64L + bit));
            word &= word - 1;
          }
        }
      }
    }
  }

  /** A growable long array. */
  private static final class LongList {
    private final long max;
    private long[] a = new long[16];
    private int n;

    LongList(long max) {
      this.max = max;
    }

    void add(long v) {
      if (n == a.length) {
        if (n >= max) {
          throw new IllegalArgumentException(
              "it holds more than the " + max + " rows the log says");
        }
        a = Arrays.copyOf(a, (int) Math.min(max, (long) n * 2));
      }
      a[n++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
