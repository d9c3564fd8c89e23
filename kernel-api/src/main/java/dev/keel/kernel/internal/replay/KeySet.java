package dev.keel.kernel.internal.replay;

import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.utils.FileStatus;
import java.util.Arrays;

/**
 * The set of reconciliation keys a replay has seen: an open-addressing table of 8-byte slots (a
 * key's hash and its index in an array of the keys), with no per-key node object (a
 * {@code HashSet} spends about 40 bytes and two pointer chases per key on its nodes): a new key
 * costs one random memory access. Sized up front from the bytes of the commits to replay, so a
 * large log does not rehash as it goes. Exact: keys are compared by value, hashes only short-cut
 * the comparison.
 */
final class KeySet {
  /** A commit line with a file action is rarely shorter than this; more keys than estimated only cost a resize. */
  private static final int MIN_BYTES_PER_ACTION = 150;
  private static final int MAX_INITIAL_KEYS = 1 << 24;
  private static final double LOAD = 0.6;

  /** Per slot: the key's hash in the high half, its index in {@link #keys} plus one in the low half; 0 when empty. */
  private long[] slots;
  /** The keys in the order they were added. */
  private String[] keys;
  private int mask;
  private int size;
  private int threshold;

  KeySet(int expectedKeys) {
    int slotCount = (int) (Math.max(16, Math.min(MAX_INITIAL_KEYS, expectedKeys)) / LOAD);
    allocate(Integer.highestOneBit(slotCount - 1) << 1);
    keys = new String[Math.max(16, Math.min(MAX_INITIAL_KEYS, expectedKeys))];
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

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** @return whether the key was new */
  boolean add(String key) {
    int h = spread(key.hashCode());
    int i = h & mask;
    for (long slot; (slot = slots[i]) != 0; i = (i + 1) & mask) {
      if ((int) (slot >>> 32) == h && keys[(int) slot - 1].equals(key)) {
        return false;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
    }
    keys[size++] = key;
    slots[i] = ((long) h << 32) | size;
    if (size > threshold) {
      grow();
    }
    return true;
  }

  boolean contains(String key) {
    int h = spread(key.hashCode());
    for (int i = h & mask; slots[i] != 0; i = (i + 1) & mask) {
      long slot = slots[i];
      if ((int) (slot >>> 32) == h && keys[(int) slot - 1].equals(key)) {
        return true;
      }
    }
    return false;
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
