package dev.keel.kernel.defaults.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.types.DataTypes;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestArrowColumnVector {
  private final BufferAllocator root = new RootAllocator();

  @AfterEach
  void closeRoot() {
    root.close(); // fails on a leak
  }

  @Test
  void handsOutAStringsUtf8BytesAsGetStringWouldEncodeThem() {
    String[] values = {"part=1/a.parquet", "", "é😀 x", null, "last"};
    VarCharVector v = new VarCharVector("s", root);
    v.allocateNew();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(values.length);
    try (ArrowColumnVector c = new ArrowColumnVector(DataTypes.STRING, v, true)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          assertThat(c.isNullAt(i)).isTrue();
          continue;
        }
        byte[] expected = values[i].getBytes(StandardCharsets.UTF_8);
        assertThat(c.utf8Length(i)).isEqualTo(expected.length);
        byte[] dst = new byte[expected.length + 3];
        c.copyUtf8(i, dst);
        assertThat(new String(dst, 0, expected.length, StandardCharsets.UTF_8))
            .isEqualTo(c.getString(i))
            .isEqualTo(values[i]);
      }
    }
  }
}
