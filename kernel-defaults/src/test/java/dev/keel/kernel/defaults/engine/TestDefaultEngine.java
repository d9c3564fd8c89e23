package dev.keel.kernel.defaults.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDefaultEngine {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  @TempDir Path dir;

  @Test
  void closingTheEngineFailsWhenABatchWasLeaked() {
    DefaultEngine engine = DefaultEngine.create();
    ColumnarBatch leaked = TestBatches.fromJson(engine, SCHEMA, dir, "{\"id\":1}");
    assertThat(leaked.getSize()).isEqualTo(1);
    assertThatThrownBy(engine::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Memory was leaked");
  }

  @Test
  void handsOutTheArrowVectorsWithoutCopying() {
    try (DefaultEngine engine = DefaultEngine.create();
        ColumnarBatch batch =
            TestBatches.fromJson(engine, SCHEMA, dir, "{\"id\":41}", "{\"id\":42}")) {
      FieldVector v = ArrowInterop.arrowVector(batch.getColumnVector(0)).orElseThrow();
      assertThat(v).isInstanceOf(BigIntVector.class);
      ((BigIntVector) v).set(0, 7L); // shared memory: the kernel view sees the change
      assertThat(batch.getColumnVector(0).getLong(0)).isEqualTo(7L);
      VectorSchemaRoot root = ArrowInterop.vectorSchemaRoot(batch).orElseThrow();
      assertThat(root.getRowCount()).isEqualTo(2);
      assertThat(root.getSchema().getFields().get(0).getName()).isEqualTo("id");
      assertThat(
              ArrowInterop.arrowVector(
                  engine.getExpressionHandler().createSelectionVector(new boolean[1], 0, 1)))
          .isEmpty();
    }
  }

  @Test
  void scanBatchesAreArrowWhenEveryColumnIsReadFromTheFile() {
    String table = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      StructType schema =
          new StructType(
              List.of(
                  new StructField("id", DataTypes.LONG, true),
                  new StructField("p", DataTypes.STRING, true)));
      Table.forPath(engine, table)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(schema)
          .withPartitionColumns(List.of("p"))
          .build(engine)
          .commit(engine);
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.write(
          engine,
          Map.of("p", Literal.ofString("a")),
          TestBatches.owningIterator(engine, SCHEMA, dir, "{\"id\":5}", "{\"id\":6}"));
      t.commit(engine);
      Snapshot snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
      // only the data column: every column is an Arrow vector read from the file
      try (CloseableIterator<FilteredColumnarBatch> it =
              snapshot.getScanBuilder().withReadSchema(SCHEMA).build().readData(engine);
          FilteredColumnarBatch b = it.next()) {
        VectorSchemaRoot root = ArrowInterop.vectorSchemaRoot(b.getData()).orElseThrow();
        assertThat(root.getRowCount()).isEqualTo(2);
        assertThat(root.getSchema().getFields())
            .extracting(org.apache.arrow.vector.types.pojo.Field::getName)
            .containsExactly("id");
        assertThat(((BigIntVector) root.getVector("id")).get(1)).isEqualTo(6L);
      }
      // with the partition column: a constant, not an Arrow vector
      try (CloseableIterator<FilteredColumnarBatch> it =
              snapshot.getScanBuilder().build().readData(engine);
          FilteredColumnarBatch b = it.next()) {
        assertThat(ArrowInterop.vectorSchemaRoot(b.getData())).isEmpty();
        assertThat(ArrowInterop.arrowVector(b.getData().getColumnVector(0))).isPresent();
      }
    }
  }

  @Test
  void usesACallersAllocatorWithoutClosingIt() {
    try (RootAllocator mine = new RootAllocator()) {
      DefaultEngine engine = DefaultEngine.builder().allocator(mine).build();
      try (ColumnarBatch batch = TestBatches.fromJson(engine, SCHEMA, dir, "{\"id\":1}")) {
        assertThat(mine.getAllocatedMemory()).isPositive();
      }
      engine.close();
      assertThat(mine.getAllocatedMemory()).isZero();
    }
  }

  @Test
  void validatesBuilderSettings() {
    assertThatThrownBy(() -> DefaultEngine.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be at least 1, got 0");
    assertThatThrownBy(() -> DefaultEngine.builder().targetFileSize(0))
        .hasMessage("targetFileSize must be positive, got 0");
    assertThatThrownBy(() -> DefaultEngine.builder().parquetRowGroupSize(-1))
        .hasMessage("parquetRowGroupSize must be positive, got -1");
    assertThatThrownBy(() -> DefaultEngine.builder().logReadParallelism(0))
        .hasMessage("logReadParallelism must be at least 1, got 0");
    assertThatThrownBy(() -> DefaultEngine.builder().dataReadParallelism(0))
        .hasMessage("dataReadParallelism must be at least 1, got 0");
    assertThatThrownBy(() -> DefaultEngine.builder().dataWriteParallelism(0))
        .hasMessage("dataWriteParallelism must be at least 1, got 0");
    try (DefaultEngine engine =
        DefaultEngine.builder()
            .logReadParallelism(3)
            .dataReadParallelism(5)
            .dataWriteParallelism(2)
            .build()) {
      assertThat(engine.getLogReadParallelism()).isEqualTo(3);
      assertThat(engine.getDataReadParallelism()).isEqualTo(5);
      assertThat(engine.getDataWriteParallelism()).isEqualTo(2);
    }
  }
}
