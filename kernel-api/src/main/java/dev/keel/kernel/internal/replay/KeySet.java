package dev.keel.kernel.internal.replay;

import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.utils.FileStatus;
import java.util.Arrays;

/**
 * The set of reconciliation keys a replay has seen: an open-addressing table of the key strings
 * and their hash codes, with no per-key node object (a {@code HashSet} spends about 40 bytes and
 * a pointer chase per key on its nodes). Sized up front from the bytes of the commits to replay,
 * so a large log does not rehash as it goes. Exact: keys are compared by value, hashes only
 * short-cut the comparison.
 */
final class KeySet {
  /** A commit line with a file action is rarely shorter than this; more keys than estimated only cost a resize. */
  private static final int MIN_BYTES_PER_ACTION = 150;
  private static final int MAX_INITIAL_KEYS = 1 << 24;
  private static final double LOAD = 0.6;

  private String[] keys;
  private int[] hashes;
  private int mask;
  private int size;
  private int threshold;

  KeySet(int expectedKeys) {
    int slots = (int) (Math.max(16, Math.min(MAX_INITIAL_KEYS, expectedKeys)) / LOAD);
    allocate(Integer.highestOneBit(slots - 1) << 1);
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
    keys = new String[capacity];
    hashes = new int[capacity];
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
    for (String k; (k = keys[i]) != null; i = (i + 1) & mask) {
      if (hashes[i] == h && k.equals(key)) {
        return false;
      }
    }
    keys[i] = key;
    hashes[i] = h;
    if (++size > threshold) {
      grow();
    }
    return true;
  }

  boolean contains(String key) {
    int h = spread(key.hashCode());
    for (int i = h & mask; keys[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && keys[i].equals(key)) {
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
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    allocate(keys.length * 2);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = oldHashes[j] & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        hashes[i] = oldHashes[j];
      }
    }
    Arrays.fill(oldKeys, null);
  }
}
