package dev.keel.kernel.internal.deletionvectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The deletion vector deserializer under the fuzzer: any bytes give a set of at most the declared
 * cardinality or an {@link IllegalArgumentException} (or a buffer underflow, both of which the
 * loader turns into a typed error naming the file); never an error, never more memory than the
 * declared rows need. {@code -Pfuzz -Dfuzz.target=TestRoaringBitmapFuzz} fuzzes it.
 */
class TestRoaringBitmapFuzz {
  private static final long DECLARED = 10_000;

  @FuzzTest(maxDuration = "30m")
  void deserializesOrRefuses(byte[] input) {
    try {
      RoaringBitmapArray r = RoaringBitmapArray.deserialize(input, DECLARED);
      assertThat(r.cardinality()).isLessThanOrEqualTo(Math.max(16, DECLARED));
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException expected) {
      // refused
    }
  }

  @Test
  void aFewBytesOfRunsCannotStandForBillionsOfRows() {
    // one bucket, one container of 65,535 runs of 65,536 values each, all overlapping
    ByteBuffer b =
        ByteBuffer.allocate(4 + 8 + 4 + 4 + 1 + 4 + 2 + 4 * 65_535).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1681511377); // the magic number
    b.putLong(1); // buckets
    b.putInt(0); // high bits
    b.putInt(12347 | (0 << 16)); // run cookie, one container
    b.put((byte) 1); // the container is a run container
    b.putShort((short) 0).putShort((short) 0); // key, cardinality - 1
    b.putShort((short) 65_535); // runs
    for (int r = 0; r < 65_535; r++) {
      b.putShort((short) 0).putShort((short) -1); // start 0, length 65,535
    }
    byte[] bomb = b.array();
    assertThatThrownBy(() -> RoaringBitmapArray.deserialize(bomb, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("it holds more than the 100 rows the log says");
  }

  @Test
  void containerCountsBeyondTheBytesAreRefused() {
    ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1681511377).putLong(1).putInt(0).putInt(12346).putInt(Integer.MAX_VALUE);
    assertThatThrownBy(() -> RoaringBitmapArray.deserialize(b.array(), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid container count 2147483647 with 0 bytes left");
    ByteBuffer buckets = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    buckets.putInt(1681511377).putLong(Integer.MAX_VALUE);
    assertThatThrownBy(() -> RoaringBitmapArray.deserialize(buckets.array(), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid bucket count 2147483647 for 12 bytes");
  }
}
