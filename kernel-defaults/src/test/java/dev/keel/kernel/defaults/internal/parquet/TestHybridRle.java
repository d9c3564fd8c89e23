package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

/** Values encoded by parquet-hadoop's own hybrid encoder, decoded by {@link HybridRle}. */
class TestHybridRle {
  private static byte[] encode(int width, int[] values) throws Exception {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(
            width, 64, 1024, HeapByteBufferAllocator.getInstance())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return e.toBytes().toByteArray();
    }
  }

  /** Long repeated stretches (run-length runs) between random stretches (bit-packed runs). */
  private static int[] values(int width, Random r) {
    int[] out = new int[5000];
    long max = width == 32 ? 0xffffffffL : (1L << width) - 1;
    int i = 0;
    while (i < out.length) {
      int stretch = Math.min(out.length - i, 1 + r.nextInt(100));
      boolean repeat = r.nextBoolean();
      int same = (int) (max == 0 ? 0 : (r.nextLong() & Long.MAX_VALUE) % (max + 1));
      for (int k = 0; k < stretch; k++) {
        out[i++] =
            repeat ? same : (int) (max == 0 ? 0 : (r.nextLong() & Long.MAX_VALUE) % (max + 1));
      }
    }
    return out;
  }

  @Test
  void decodesEveryWidthInChunksOfAnySize() throws Exception {
    Random r = new Random(7);
    for (int width = 0; width <= 32; width++) {
      int[] expected = values(width, r);
      byte[] encoded = encode(width, expected);
      // Surround the region with other bytes: the decoder must stay inside it.
      byte[] page = new byte[encoded.length + 20];
      java.util.Arrays.fill(page, (byte) 0x5a);
      System.arraycopy(encoded, 0, page, 10, encoded.length);
      HybridRle d = new HybridRle(page, 10, 10 + encoded.length, width);
      int[] actual = new int[expected.length];
      int done = 0;
      while (done < expected.length) {
        int n = Math.min(expected.length - done, 1 + r.nextInt(700));
        d.read(actual, done, n);
        done += n;
      }
      assertThat(actual).as("width %d", width).isEqualTo(expected);
    }
  }

  @Test
  void aBitPackedGroupCutShortReadsZeros() {
    // One bit-packed group of 8 values at width 4 needs 4 bytes; only the first is there.
    byte[] page = {(byte) 0x03, (byte) 0x21};
    int[] out = new int[8];
    new HybridRle(page, 0, page.length, 4).read(out, 0, 8);
    assertThat(out).containsExactly(1, 2, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void failsWhenTheValuesEndEarly() {
    // A run of 3 copies of 5 at width 3, then nothing.
    byte[] page = {(byte) 0x06, (byte) 0x05};
    HybridRle d = new HybridRle(page, 0, page.length, 3);
    int[] out = new int[4];
    assertThatThrownBy(() -> d.read(out, 0, 4))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("run-length/bit-packed values end before the page's value count");
    assertThat(out).startsWith(5, 5, 5);
  }

  @Test
  void skipsValuesOnlyWhenTheyLieInOneRepeatedRun() {
    // Width 1: a run of 100 ones, two bit-packed groups (0,1,0,1,...), a run of 40 zeros.
    byte[] page = {(byte) 0xc8, 0x01, 0x01, 0x05, (byte) 0xaa, (byte) 0xaa, 0x50, 0x00};
    HybridRle d = new HybridRle(page, 0, page.length, 1);
    assertThat(d.skipRun(60)).isEqualTo(1);
    assertThat(d.skipRun(41)).isEqualTo(-1); // only 40 of the run are left: nothing consumed
    assertThat(d.skipRun(40)).isEqualTo(1);
    assertThat(d.skipRun(8)).isEqualTo(-1); // bit-packed
    int[] out = new int[16];
    d.read(out, 0, 16);
    assertThat(out).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    assertThat(d.skipRun(40)).isEqualTo(0);
    assertThat(d.skipRun(1)).isEqualTo(-1); // the end
  }

  @Test
  void rejectsARegionOutsideTheBuffer() {
    assertThatThrownBy(() -> new HybridRle(new byte[4], 2, 9, 1))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("invalid run-length/bit-packed region: width 1, bytes 2 to 9 of 4");
  }
}
