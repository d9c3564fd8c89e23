package dev.keel.kernel.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestKeySet {
  @Test
  void agreesWithAHashSetWhileGrowingFarPastItsInitialSize() {
    KeySet keys = new KeySet(0);
    Set<String> reference = new HashSet<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      String key = "part=" + random.nextInt(50) + "/file-" + random.nextInt(150_000) + ".parquet";
      assertThat(add(keys, key)).isEqualTo(reference.add(key));
    }
    assertThat(keys.size()).isEqualTo(reference.size());
    for (int i = 0; i < 50_000; i++) {
      String probe = "part=" + random.nextInt(60) + "/file-" + random.nextInt(200_000) + ".parquet";
      assertThat(contains(keys, probe)).as(probe).isEqualTo(reference.contains(probe));
    }
  }

  @Test
  void stagedBatchesAgreeWithAHashSetAndRepeatsWithinABatchAreNewOnlyOnce() {
    KeySet keys = new KeySet(0); // grows in the middle of a batch
    Set<String> reference = new HashSet<>();
    Random random = new Random(7);
    for (int batch = 0; batch < 40; batch++) {
      int n = 1 + random.nextInt(5_000);
      String[] staged = new String[n];
      for (int k = 0; k < n; k++) {
        staged[k] = "part=" + random.nextInt(20) + "/f-" + random.nextInt(60_000) + ".parquet";
        if (k % 3 == 0) {
          keys.stage(staged[k]);
        } else {
          stageBytes(keys, staged[k]);
        }
      }
      assertThat(keys.stagedCount()).isEqualTo(n);
      boolean[] isNew = new boolean[n];
      keys.addStaged(isNew);
      assertThat(keys.stagedCount()).isZero();
      for (int k = 0; k < n; k++) {
        assertThat(isNew[k])
            .as("batch %d, key %d: %s", batch, k, staged[k])
            .isEqualTo(reference.add(staged[k]));
      }
    }
    assertThat(keys.size()).isEqualTo(reference.size());
    int n = 10_000;
    String[] probes = new String[n];
    for (int k = 0; k < n; k++) {
      probes[k] = "part=" + random.nextInt(25) + "/f-" + random.nextInt(80_000) + ".parquet";
      stageBytes(keys, probes[k]);
    }
    boolean[] found = new boolean[n];
    keys.containsStaged(found);
    for (int k = 0; k < n; k++) {
      assertThat(found[k]).as(probes[k]).isEqualTo(reference.contains(probes[k]));
    }
    assertThat(keys.size()).isEqualTo(reference.size()); // looking up adds nothing
  }

  @Test
  void aStagedStringKeyIsTheSameKeyAsItsSingleForms() {
    KeySet keys = new KeySet(4);
    assertThat(add(keys, "p=caf\u00e9/a.parquet")).isTrue();
    keys.stage("p=caf\u00e9/a.parquet");
    keys.stage("p=cafe/a.parquet");
    stageBytes(keys, "x.parquet");
    keys.stage("x.parquet");
    boolean[] isNew = new boolean[4];
    keys.addStaged(isNew);
    assertThat(isNew).containsExactly(false, true, true, false);
    assertThat(contains(keys, "p=cafe/a.parquet")).isTrue();
    assertThat(containsBytes(keys, "x.parquet")).isTrue();
    boolean[] found = new boolean[0];
    keys.containsStaged(found); // an empty batch
    assertThat(keys.size()).isEqualTo(3);
  }

  @Test
  void theHashReadsOnlyTheKeysBytesAndSpreadsSimilarKeysOverTheSlots() {
    byte[] a = "part=1/file-00017.parquet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b = java.util.Arrays.copyOf(a, 64);
    java.util.Arrays.fill(b, a.length, b.length, (byte) 'x');
    for (int n = 0; n <= a.length; n++) {
      assertThat(KeySet.hash(b, n)).as("length %d", n).isEqualTo(KeySet.hash(a, n));
    }
    assertThat(KeySet.hash(a, a.length)).isNotEqualTo(KeySet.hash(a, a.length - 1));
    byte[] shifted = new byte[a.length + 3];
    System.arraycopy(a, 0, shifted, 3, a.length);
    assertThat(KeySet.hash(shifted, 3, a.length)).isEqualTo(KeySet.hash(a, a.length));
    // 2^16 keys that differ in a few digits, in 2^16 buckets by the low bits: a well-spread hash
    // leaves about 1/e of them empty and none much fuller than a handful
    int[] buckets = new int[1 << 16];
    for (int i = 0; i < buckets.length; i++) {
      byte[] key =
          String.format("part=%d/file-%05d.parquet", i % 7, i)
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      buckets[KeySet.hash(key, key.length) & (buckets.length - 1)]++;
    }
    long empty = java.util.Arrays.stream(buckets).filter(c -> c == 0).count();
    assertThat(empty).isBetween((long) (buckets.length * 0.35), (long) (buckets.length * 0.39));
    assertThat(java.util.Arrays.stream(buckets).max().getAsInt()).isLessThanOrEqualTo(10);
  }

  @Test
  void keysWithTheSameHashCodeStayDistinct() {
    // "Aa" and "BB" have the same String.hashCode, and so do all their concatenations
    assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
    KeySet keys = new KeySet(4);
    assertThat(keys.isEmpty()).isTrue();
    assertThat(add(keys, "AaAa")).isTrue();
    assertThat(contains(keys, "BBBB")).isFalse();
    assertThat(add(keys, "BBBB")).isTrue();
    assertThat(add(keys, "AaBB")).isTrue();
    assertThat(add(keys, "AaAa")).isFalse();
    assertThat(contains(keys, "BBAa")).isFalse();
    assertThat(keys.size()).isEqualTo(3);
    assertThat(keys.isEmpty()).isFalse();
  }

  @Test
  void keysWithAnyCharactersAndOfAnyLengthStayDistinct() {
    KeySet keys = new KeySet(0);
    List<String> distinct =
        List.of(
            "",
            "a",
            "é",
            "e\u0301",
            "\u2603",
            "\ud83d\ude00",
            "\ud83d",
            "\ude00",
            "?",
            "??",
            "x".repeat(5000),
            "x".repeat(5001),
            "p=caf\u00e9/part-0.parquet",
            "p=cafe/part-0.parquet",
            "file:/t/a b.parquet\u0000dv1@3",
            "file:/t/a b.parquet\u0000dv1@4");
    for (String k : distinct) {
      assertThat(add(keys, k)).as(k).isTrue();
    }
    for (String k : distinct) {
      assertThat(contains(keys, k)).as(k).isTrue();
      assertThat(add(keys, new String(k.toCharArray()))).as(k).isFalse();
    }
    assertThat(contains(keys, "x".repeat(4999))).isFalse();
    assertThat(contains(keys, "\ud83e")).isFalse();
    assertThat(keys.size()).isEqualTo(distinct.size());
  }

  @Test
  void anAsciiKeyGivenAsBytesIsTheSameKeyAsItsString() {
    KeySet keys = new KeySet(4);
    assertThat(addBytes(keys, "part=1/a.parquet")).isTrue();
    assertThat(add(keys, "part=1/a.parquet")).isFalse();
    assertThat(add(keys, "part=2/b.parquet")).isTrue();
    assertThat(addBytes(keys, "part=2/b.parquet")).isFalse();
    assertThat(containsBytes(keys, "part=1/a.parquet")).isTrue();
    assertThat(containsBytes(keys, "part=1/a.parque")).isFalse();
    assertThat(contains(keys, "part=1/a.parquet")).isTrue();
    for (int i = 0; i < 5_000; i++) { // past the initial size, bytes and strings alternating
      assertThat(i % 2 == 0 ? addBytes(keys, "f" + i) : add(keys, "f" + i)).isTrue();
    }
    for (int i = 0; i < 5_000; i++) {
      assertThat(i % 2 == 0 ? contains(keys, "f" + i) : containsBytes(keys, "f" + i)).isTrue();
    }
    assertThat(keys.size()).isEqualTo(5_002);
  }

  /** Adds one key as a batch of one. */
  private static boolean add(KeySet keys, String key) {
    keys.stage(key);
    boolean[] isNew = new boolean[1];
    keys.addStaged(isNew);
    return isNew[0];
  }

  /** Looks up one key as a batch of one. */
  private static boolean contains(KeySet keys, String key) {
    keys.stage(key);
    boolean[] found = new boolean[1];
    keys.containsStaged(found);
    return found[0];
  }

  private static boolean addBytes(KeySet keys, String ascii) {
    stageBytes(keys, ascii);
    boolean[] isNew = new boolean[1];
    keys.addStaged(isNew);
    return isNew[0];
  }

  private static void stageBytes(KeySet keys, String ascii) {
    byte[] b = keys.buffer(ascii.length());
    System.arraycopy(
        ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, ascii.length());
    keys.stageBuffered(ascii.length());
  }

  private static boolean containsBytes(KeySet keys, String ascii) {
    stageBytes(keys, ascii);
    boolean[] found = new boolean[1];
    keys.containsStaged(found);
    return found[0];
  }
}
