package dev.keel.kernel.internal.replay;

import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.utils.FileStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The set of reconciliation keys a replay has seen, compactly: each key's characters are stored as
 * bytes in chunks of up to 1 MiB (one byte per ASCII character; every other UTF-16 unit in two or
 * three bytes, an encoding that is one-to-one on strings, lone surrogates included), located by one
 * {@code long} per key, and found through an open-addressing table of 8-byte slots (the key's hash
 * and its index). About 30 bytes plus the key's length per key, where a {@code HashSet<String>}
 * spends about 100 on a 26-character path; a new key costs one random memory access. Sized up front
 * from the bytes of the commits to replay. Exact: keys are compared byte by byte, hashes only
 * short-cut the comparison. Not thread-safe.
 *
 * <p>A replay looks up a batch's keys together: {@link #stageBuffered} or {@link #stage} each key
 * of the batch, then {@link #addStaged} or {@link #containsStaged}. Those hash every staged key,
 * then read every key's slot in a loop that does nothing else, so the cache misses of a large set
 * overlap (many loads in flight) instead of costing a memory round trip each, then add or look up
 * the keys in order, their slots now cached. On the fresh 300k-file listing this took the replay
 * thread's CPU from about 50 to 25 ms.
 */
final class KeySet {
  /**
   * A commit line with a file action is rarely shorter than this; more keys than estimated only
   * cost a resize.
   */
  private static final int MIN_BYTES_PER_ACTION = 150;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_INITIAL_KEYS = 1 << 24;
  private static final double LOAD = 0.6;
  private static final int CHUNK_BITS = 20;
  private static final int CHUNK = 1 << CHUNK_BITS;

  /**
   * Per slot: the key's hash in the high half, its index plus one in the low half; 0 when empty.
   */
  private long[] slots;

  /** Per key: chunk index (bits 40-63), offset in the chunk (bits 20-39), length (bits 0-19). */
  private long[] refs;

  private byte[][] chunks = new byte[4][];
  private int chunkCount;
  private int chunkUsed;
  private int nextChunk = 4096;
  private byte[] scratch = new byte[256];

  /** The staged keys' bytes, one after another; {@link #stagedEnds} says where each ends. */
  private byte[] staged = new byte[4096];

  private int stagedBytes;
  private int[] stagedEnds = new int[256];
  private int[] stagedHashes = new int[256];
  private int stagedCount;

  /** Where the reads of a batch's slots go, so that the compiler keeps them. */
  private long touched;

  private int mask;
  private int size;
  private int threshold;

  KeySet(int expectedKeys) {
    int keys = Math.max(16, Math.min(MAX_INITIAL_KEYS, expectedKeys));
    int slotCount = (int) (keys / LOAD);
    allocate(Integer.highestOneBit(slotCount - 1) << 1);
    refs = new long[keys];
  }

  /** A set sized for the file actions of the segment's commit files. */
  static KeySet forCommitsOf(LogSegment segment) {
    long bytes = 0;
    for (FileStatus f : segment.deltas) {
      bytes += f.getSize();
    }
    return new KeySet((int) Math.min(MAX_INITIAL_KEYS, bytes / MIN_BYTES_PER_ACTION));
  }

  private void allocate(int capacity) {
    slots = new long[capacity];
    mask = capacity - 1;
    threshold = (int) (capacity * LOAD);
  }

  /** Encodes {@code key} into {@link #scratch}; returns the length. */
  private int encode(String key) {
    int n = key.length();
    byte[] b = buffer(3 * n);
    int j = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < 0x80) {
        b[j++] = (byte) c;
      } else if (c < 0x800) {
        b[j++] = (byte) (0xC0 | (c >> 6));
        b[j++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[j++] = (byte) (0xE0 | (c >> 12));
        b[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[j++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return j;
  }

  /**
   * The first {@code length} bytes' hash, eight bytes at a time, mixed so that its low bits pick
   * the slot.
   */
  static int hash(byte[] b, int length) {
    return hash(b, 0, length);
  }

  /** The hash of the {@code length} bytes of {@code b} from {@code off}. */
  static int hash(byte[] b, int off, int length) {
    long h = length * 0x9E3779B97F4A7C15L;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      h =
          Long.rotateLeft(h ^ ((long) LONGS.get(b, off + i) * 0xC2B2AE3D27D4EB4FL), 31)
              * 0x9E3779B97F4A7C15L;
    }
    long tail = 0;
    for (int k = length - 1; k >= i; k--) {
      tail = (tail << 8) | (b[off + k] & 0xFF);
    }
    h ^= tail * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 33; // the finalizer of MurmurHash3's 64-bit hash
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private boolean sameKey(long slot, byte[] b, int off, int length) {
    long ref = refs[(int) slot - 1];
    int keyLength = (int) (ref & (CHUNK - 1));
    if (keyLength != length) {
      return false;
    }
    int offset = (int) ((ref >>> CHUNK_BITS) & (CHUNK - 1));
    byte[] chunk = chunks[(int) (ref >>> (2 * CHUNK_BITS))];
    return Arrays.equals(chunk, offset, offset + length, b, off, off + length);
  }

  /**
   * A buffer of at least {@code n} bytes into which a caller may put a key's bytes for {@link
   * #stageBuffered}; valid until the next call on this set. For a key of ASCII characters only, its
   * bytes are its characters (as {@link #stage(String)} would store them).
   */
  byte[] buffer(int n) {
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  /**
   * Adds the key of {@code length} bytes of {@code b} from {@code off}, whose hash is {@code h}.
   *
   * @return whether it was new
   */
  private boolean insert(byte[] b, int off, int length, int h) {
    int i = h & mask;
    for (long slot; (slot = slots[i]) != 0; i = (i + 1) & mask) {
      if ((int) (slot >>> 32) == h && sameKey(slot, b, off, length)) {
        return false;
      }
    }
    if (size == refs.length) {
      refs = Arrays.copyOf(refs, refs.length * 2);
    }
    refs[size++] = store(b, off, length);
    slots[i] = ((long) h << 32) | size;
    if (size > threshold) {
      grow();
    }
    return true;
  }

  private boolean find(byte[] b, int off, int length, int h) {
    for (int i = h & mask; slots[i] != 0; i = (i + 1) & mask) {
      long slot = slots[i];
      if ((int) (slot >>> 32) == h && sameKey(slot, b, off, length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Appends the key whose {@code length} bytes are in {@link #buffer} to the staged batch, for
   * {@link #addStaged} or {@link #containsStaged}.
   */
  void stageBuffered(int length) {
    if (stagedBytes + length > staged.length) {
      staged = Arrays.copyOf(staged, Math.max(stagedBytes + length, 2 * staged.length));
    }
    System.arraycopy(scratch, 0, staged, stagedBytes, length);
    stagedBytes += length;
    if (stagedCount == stagedEnds.length) {
      stagedEnds = Arrays.copyOf(stagedEnds, 2 * stagedCount);
    }
    stagedEnds[stagedCount++] = stagedBytes;
  }

  /** Appends {@code key} to the staged batch. */
  void stage(String key) {
    stageBuffered(encode(key));
  }

  /** How many keys are staged. */
  int stagedCount() {
    return stagedCount;
  }

  /**
   * Adds the staged keys in the order they were staged (a key staged twice is new only the first
   * time) and empties the batch.
   *
   * @param isNew set, for each staged key in order, to whether it was new; at least {@link
   *     #stagedCount} long
   */
  void addStaged(boolean[] isNew) {
    runStaged(isNew, true);
  }

  /**
   * Looks up the staged keys and empties the batch.
   *
   * @param found set, for each staged key in order, to whether the set holds it; at least {@link
   *     #stagedCount} long
   */
  void containsStaged(boolean[] found) {
    runStaged(found, false);
  }

  /**
   * Adds ({@code add}) or looks up each staged key in order, after reading all their slots (see the
   * class comment).
   */
  private void runStaged(boolean[] out, boolean add) {
    int n = hashStaged();
    long t = 0;
    for (int k = 0; k < n; k++) {
      t += slots[stagedHashes[k] & mask];
    }
    for (int k = 0, start = 0; k < n; k++) {
      int end = stagedEnds[k];
      int h = stagedHashes[k];
      out[k] = add ? insert(staged, start, end - start, h) : find(staged, start, end - start, h);
      start = end;
    }
    touched += t;
    clearStaged();
  }

  private int hashStaged() {
    int n = stagedCount;
    if (stagedHashes.length < n) {
      stagedHashes = new int[stagedEnds.length];
    }
    for (int k = 0, start = 0; k < n; k++) {
      int end = stagedEnds[k];
      stagedHashes[k] = hash(staged, start, end - start);
      start = end;
    }
    return n;
  }

  private void clearStaged() {
    stagedCount = 0;
    stagedBytes = 0;
  }

  /** Copies a key's bytes into the chunks; returns the key's reference. */
  private long store(byte[] b, int off, int length) {
    if (length >= CHUNK) {
      throw new IllegalArgumentException(
          "A file path of " + length + " bytes is longer than the 1 MiB the replay supports");
    }
    if (chunkCount == 0 || chunkUsed + length > chunks[chunkCount - 1].length) {
      if (chunkCount == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      chunks[chunkCount++] = new byte[Math.max(length, nextChunk)];
      nextChunk = Math.min(CHUNK, nextChunk * 2); // small sets stay small
      chunkUsed = 0;
    }
    System.arraycopy(b, off, chunks[chunkCount - 1], chunkUsed, length);
    long ref =
        ((long) (chunkCount - 1) << (2 * CHUNK_BITS)) | ((long) chunkUsed << CHUNK_BITS) | length;
    chunkUsed += length;
    return ref;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    allocate(slots.length * 2);
    for (long slot : old) {
      if (slot != 0) {
        int i = (int) (slot >>> 32) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }
}
