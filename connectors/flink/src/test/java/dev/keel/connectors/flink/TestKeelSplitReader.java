package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split restored with some rows already emitted resumes after them: nothing is emitted twice and
 * nothing is skipped.
 */
class TestKeelSplitReader {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("s", DataTypes.STRING, true)));

  @TempDir Path dir;

  @Test
  void aRestoredSplitResumesAfterTheRowsItEmitted() throws Exception {
    String path = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      Table.forPath(engine, path)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(SCHEMA)
          .build(engine)
          .commit(engine);
      String[] rows = new String[100];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = "{\"id\":" + i + ",\"s\":\"v" + i + "\"}";
      }
      Transaction t =
          Table.forPath(engine, path)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.writeRows(engine, TestBatches.owningIterator(engine, SCHEMA, dir, rows));
      t.commit(engine);
    }
    KeelSource source = KeelSource.forTable(path).build();
    List<KeelSplit> splits = plan(source);
    assertThat(splits).hasSize(1);
    assertThat(ids(source, splits.get(0))).hasSize(100).startsWith(0L, 1L);
    assertThat(ids(source, splits.get(0).withRowsEmitted(37)))
        .hasSize(63)
        .startsWith(37L, 38L)
        .endsWith(99L);
  }

  private static List<KeelSplit> plan(KeelSource source) throws Exception {
    List<KeelSplit> out = new ArrayList<>();
    KeelEnumerator enumerator =
        (KeelEnumerator) source.createEnumerator((SplitEnumeratorContext<KeelSplit>) null);
    out.addAll(enumerator.planForTest());
    return out;
  }

  private static List<Long> ids(KeelSource source, KeelSplit split) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (KeelSplitReader reader = new KeelSplitReader(source)) {
      reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
      for (int fetch = 0; fetch < 1000; fetch++) {
        RecordsWithSplitIds<RowData> records = reader.fetch();
        if (!records.finishedSplits().isEmpty()) {
          return ids;
        }
        while (records.nextSplit() != null) {
          RowData row;
          while ((row = records.nextRecordFromSplit()) != null) {
            ids.add(row.getLong(0));
          }
        }
      }
    }
    throw new IllegalStateException("the split did not finish in 1000 fetches");
  }
}
