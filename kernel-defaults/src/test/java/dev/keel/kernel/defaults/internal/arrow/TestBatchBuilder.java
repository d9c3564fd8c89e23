package dev.keel.kernel.defaults.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestBatchBuilder {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField(
                  "s", new StructType(List.of(new StructField("x", DataTypes.STRING, true))), true),
              new StructField("n", DataTypes.INTEGER, true)));

  private final BufferAllocator root = new RootAllocator();

  @AfterEach
  void closeRoot() {
    root.close(); // fails on a leak
  }

  @Test
  void aLazyBuilderMakesOnlyTheColumnsAskedForAndTheRestAreNull() {
    ColumnarBatch batch;
    try (BatchBuilder b = BatchBuilder.lazy(root, "t", SCHEMA, 4)) {
      assertThat(b.vectors()).containsOnlyNulls();
      BigIntVector id = (BigIntVector) b.vector(0);
      assertThat(b.vector(0)).isSameAs(id);
      id.setSafe(0, 7);
      id.setSafe(2, 9);
      batch = b.buildBatch(3);
    }
    try (batch) {
      assertThat(batch).isNotInstanceOf(ArrowBatch.class);
      assertThat(batch.getSchema()).isEqualTo(SCHEMA);
      assertThat(batch.getSize()).isEqualTo(3);
      assertThat(batch.getColumnVector(0).getLong(0)).isEqualTo(7);
      assertThat(batch.getColumnVector(0).isNullAt(1)).isTrue();
      assertThat(batch.getColumnVector(0).getLong(2)).isEqualTo(9);
      for (int row = 0; row < 3; row++) {
        assertThat(batch.getColumnVector(1).isNullAt(row)).isTrue();
        assertThat(batch.getColumnVector(2).isNullAt(row)).isTrue();
      }
      assertThat(batch.getColumnVector(1).getDataType()).isEqualTo(SCHEMA.at(1).getDataType());
      assertThat(root.getAllocatedMemory()).isPositive();
    }
    assertThat(root.getAllocatedMemory()).isZero();
  }

  @Test
  void aLazyBuilderWithEveryColumnMadeGivesAnArrowBatch() {
    ColumnarBatch batch;
    try (BatchBuilder b = BatchBuilder.lazy(root, "t", SCHEMA, 4)) {
      for (int i = 0; i < SCHEMA.length(); i++) {
        b.vector(i);
      }
      batch = b.buildBatch(0);
    }
    try (batch) {
      assertThat(batch).isInstanceOf(ArrowBatch.class);
    }
  }

  @Test
  void anAbandonedLazyBuilderFreesWhatItMade() {
    try (BatchBuilder b = BatchBuilder.lazy(root, "t", SCHEMA, 4)) {
      StructVector s = (StructVector) b.vector(1);
      assertThat(root.getAllocatedMemory()).as("a struct column is shallow").isZero();
      VarCharVector x = (VarCharVector) s.getChildByOrdinal(0);
      ShallowStructs.prepare(x, DataTypes.STRING, 4);
      s.setIndexDefined(0);
      x.setSafe(0, new byte[] {'a'});
      b.vector(0);
      assertThat(root.getAllocatedMemory()).isPositive();
    }
    assertThat(root.getAllocatedMemory()).isZero();
  }
}
