package dev.keel.kernel.defaults.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestRawBuffers {
  private final RootAllocator allocator = new RootAllocator();
  private final ArrowBuf buf = allocator.buffer(16);

  @AfterEach
  void closeAndCheckLeaks() {
    buf.close();
    allocator.close(); // throws on a leak
  }

  @Test
  void writesWhatArrowsOwnGettersRead() {
    buf.setZero(0, buf.capacity());
    RawBuffers.setInt(buf, 0, -123456789);
    RawBuffers.setLong(buf, 8, Long.MIN_VALUE + 7);
    assertThat(buf.getInt(0)).isEqualTo(-123456789);
    assertThat(buf.getLong(8)).isEqualTo(Long.MIN_VALUE + 7);
    assertThat(RawBuffers.getInt(buf, 0)).isEqualTo(-123456789);
    buf.setInt(4, 42);
    assertThat(RawBuffers.getInt(buf, 4)).isEqualTo(42);
  }

  @Test
  void setsOneBitAndLeavesTheOthers() {
    buf.setZero(0, buf.capacity());
    buf.setByte(1, 0b1000_0001);
    RawBuffers.setBit(buf, 10);
    RawBuffers.setBit(buf, 127);
    assertThat(buf.getByte(1)).isEqualTo((byte) 0b1000_0101);
    assertThat(buf.getByte(15)).isEqualTo((byte) 0x80);
    for (int i = 0; i < 15; i++) {
      if (i != 1) {
        assertThat(buf.getByte(i)).as("byte %d", i).isZero();
      }
    }
  }

  @Test
  void anIndexOutsideTheBufferIsRefusedBeforeAnyWrite() {
    assertThatThrownBy(() -> RawBuffers.setInt(buf, 13, 1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("cannot access 4 bytes at index 13 of a buffer of 16 bytes");
    assertThatThrownBy(() -> RawBuffers.setLong(buf, 9, 1))
        .hasMessage("cannot access 8 bytes at index 9 of a buffer of 16 bytes");
    assertThatThrownBy(() -> RawBuffers.getInt(buf, -4))
        .hasMessage("cannot access 4 bytes at index -4 of a buffer of 16 bytes");
    assertThatThrownBy(() -> RawBuffers.setBit(buf, 128))
        .hasMessage("cannot access 1 byte at index 16 of a buffer of 16 bytes");
    RawBuffers.setInt(buf, 12, 5); // the last int that fits
    assertThat(buf.getInt(12)).isEqualTo(5);
  }
}
