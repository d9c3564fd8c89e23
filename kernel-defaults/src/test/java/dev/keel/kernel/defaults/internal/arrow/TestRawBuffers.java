package dev.keel.kernel.defaults.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
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

  /**
   * Rows written at random, with gaps (null rows) and values long enough to outgrow the buffers,
   * through RawBuffers into one vector and through Arrow's setSafe into another: the same vectors.
   */
  @Test
  void vectorWritesMatchArrowsSetSafeWithGapsAndGrowth() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      try (VarCharVector raw = new VarCharVector("raw", allocator);
          VarCharVector arrow = new VarCharVector("arrow", allocator);
          BigIntVector rawLong = new BigIntVector("rawLong", allocator);
          BigIntVector arrowLong = new BigIntVector("arrowLong", allocator);
          IntVector rawInt = new IntVector("rawInt", allocator);
          IntVector arrowInt = new IntVector("arrowInt", allocator);
          BitVector rawBit = new BitVector("rawBit", allocator);
          BitVector arrowBit = new BitVector("arrowBit", allocator);
          StructVector rawStruct = StructVector.empty("rawStruct", allocator);
          StructVector arrowStruct = StructVector.empty("arrowStruct", allocator)) {
        for (var v : new org.apache.arrow.vector.ValueVector[] {raw, arrow}) {
          v.setInitialCapacity(4);
          v.allocateNew();
        }
        for (var v :
            new org.apache.arrow.vector.ValueVector[] {
              rawLong, arrowLong, rawInt, arrowInt, rawBit, arrowBit, rawStruct, arrowStruct
            }) {
          v.setInitialCapacity(4);
          v.allocateNew();
        }
        int rows = 0;
        for (int i = 0; i < 300; i++) {
          int row = rows + (random.nextInt(4) == 0 ? random.nextInt(3) : 0); // sometimes a gap
          byte[] text = ("x".repeat(random.nextInt(40)) + i).getBytes(StandardCharsets.UTF_8);
          int from = random.nextInt(Math.min(3, text.length));
          int length = text.length - from;
          RawBuffers.setSafe(raw, row, text, from, length);
          arrow.setSafe(row, text, from, length);
          long value = random.nextLong();
          RawBuffers.setSafe(rawLong, row, value);
          arrowLong.setSafe(row, value);
          RawBuffers.setSafe(rawInt, row, (int) value);
          arrowInt.setSafe(row, (int) value);
          RawBuffers.setSafe(rawBit, row, (int) (value & 1));
          arrowBit.setSafe(row, (int) (value & 1));
          RawBuffers.setIndexDefined(rawStruct, row);
          arrowStruct.setIndexDefined(row);
          rows = row + 1;
        }
        for (var v :
            new org.apache.arrow.vector.ValueVector[] {
              raw,
              arrow,
              rawLong,
              arrowLong,
              rawInt,
              arrowInt,
              rawBit,
              arrowBit,
              rawStruct,
              arrowStruct
            }) {
          v.setValueCount(rows);
        }
        for (int r = 0; r < rows; r++) {
          assertThat(raw.getObject(r)).as("row %d", r).isEqualTo(arrow.getObject(r));
          assertThat(rawLong.getObject(r)).as("row %d", r).isEqualTo(arrowLong.getObject(r));
          assertThat(rawInt.getObject(r)).as("row %d", r).isEqualTo(arrowInt.getObject(r));
          assertThat(rawBit.getObject(r)).as("row %d", r).isEqualTo(arrowBit.getObject(r));
          assertThat(rawStruct.isNull(r)).as("row %d", r).isEqualTo(arrowStruct.isNull(r));
        }
        assertThat(raw.getNullCount()).isEqualTo(arrow.getNullCount()).isPositive();
      }
    }
  }

  @Test
  void aListRowEndsAfterItsElementsAsEndValueSays() {
    try (ListVector raw = ListVector.empty("raw", allocator);
        ListVector arrow = ListVector.empty("arrow", allocator)) {
      for (ListVector v : new ListVector[] {raw, arrow}) {
        v.addOrGetVector(FieldType.nullable(new ArrowType.Int(64, true)));
        v.allocateNew();
      }
      int[] sizes = {3, 0, 5, 1};
      for (int row = 0; row < sizes.length; row++) {
        raw.startNewValue(row);
        arrow.startNewValue(row);
        RawBuffers.endValue(raw, row, sizes[row]);
        arrow.endValue(row, sizes[row]);
      }
      for (int row = 0; row <= sizes.length; row++) {
        assertThat(raw.getOffsetBuffer().getInt(row * 4L))
            .isEqualTo(arrow.getOffsetBuffer().getInt(row * 4L));
      }
      assertThat(raw.getOffsetBuffer().getInt(sizes.length * 4L)).isEqualTo(9);
    }
  }
}
