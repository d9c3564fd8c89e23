package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer alone (no cluster): rows go to one file per partition value at a checkpoint (binary
 * partition values compared by content), a partition is written early when its rows reach the
 * target size, and nothing is left over for the next checkpoint.
 */
class TestKeelSinkWriter {
  @TempDir Path dir;

  private static final RowType ROWS =
      RowType.of(
          new LogicalType[] {
            new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH), new VarBinaryType(8)
          },
          new String[] {"id", "s", "bin"});

  @Test
  void writesAFilePerPartitionValueAndRollsAtTheTargetSize() throws Exception {
    String path = dir.resolve("t").toString();
    KeelSink sink =
        KeelSink.forTable(path)
            .rowType(ROWS)
            .partitionColumns("bin")
            .targetFileSize(2_000) // about 40 of these rows
            .build();
    List<String> files = new ArrayList<>();
    try (KeelSinkWriter writer =
        new KeelSinkWriter(sink, UnregisteredMetricsGroup.createSinkWriterMetricGroup())) {
      for (long i = 0; i < 30; i++) { // 3 partitions, each below the target size
        writer.write(
            GenericRowData.of(i, StringData.fromString("v" + i), new byte[] {(byte) (i % 3)}),
            null);
      }
      Collection<KeelCommittable.WriteResult> first = writer.prepareCommit();
      assertThat(first).hasSize(1);
      List<String> firstFiles = first.iterator().next().files();
      assertThat(firstFiles).hasSize(3); // one file per partition value, not per row
      files.addAll(firstFiles);
      assertThat(writer.prepareCommit()).isEmpty(); // nothing buffered any more

      for (long i = 100; i < 400; i++) { // one partition, several times the target size
        writer.write(GenericRowData.of(i, StringData.fromString("v" + i), new byte[] {7}), null);
      }
      List<String> second = writer.prepareCommit().iterator().next().files();
      assertThat(second).hasSizeGreaterThan(3); // rolled before the checkpoint
      files.addAll(second);
    }
    TreeSet<String> partitions = new TreeSet<>();
    for (String f : files) {
      partitions.addAll(AddFile.fromJson(f).getPartitionValues().values());
    }
    assertThat(partitions).hasSize(4);

    // committed, the files hold every row once
    try (KeelCommitter committer = new KeelCommitter(sink)) {
      committer.commit(List.of(new TestKeelCommitter.Request(new KeelCommittable("w", 1, files))));
    }
    try (DefaultEngine engine = DefaultEngine.create()) {
      List<String> rows =
          TestBatches.canonicalRows(engine, Table.forPath(engine, path).getLatestSnapshot(engine));
      assertThat(rows).hasSize(330);
      assertThat(rows)
          .filteredOn(r -> r.contains("\"id\":0,"))
          .containsExactly("{\"bin\":\"AA==\",\"id\":0,\"s\":\"v0\"}"); // canonical: keys sorted
    }
  }
}
