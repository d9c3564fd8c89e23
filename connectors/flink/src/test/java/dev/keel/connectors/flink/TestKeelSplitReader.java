package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
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
    writeTable(path, 1, 100);
    KeelSource source = KeelSource.forTable(path).build();
    List<KeelSplit> splits = plan(source);
    assertThat(splits).hasSize(1);
    assertThat(ids(source, splits.get(0))).hasSize(100).startsWith(0L, 1L);
    assertThat(ids(source, splits.get(0).withRowsEmitted(37)))
        .hasSize(63)
        .startsWith(37L, 38L)
        .endsWith(99L);
  }

  @Test
  void aFilterSkipsFilesByStatisticsAndDropsRowsEvenOfColumnsNotProduced() throws Exception {
    String path = dir.resolve("f").toString();
    writeTable(path, 3, 10); // ids 0-9, 10-19, 20-29: one file each
    KeelSource source =
        KeelSource.forTable(path)
            .columns("s")
            .filter(
                Expressions.and(
                    Expressions.greaterThanOrEqual(Expressions.column("id"), Literal.ofLong(15)),
                    Expressions.lessThan(Expressions.column("id"), Literal.ofLong(18))))
            .build();
    assertThat(source.getRowType().getFieldNames()).containsExactly("s");
    List<KeelSplit> splits = plan(source);
    assertThat(splits).hasSize(1); // the files of ids 0-9 and 20-29 are skipped by their stats
    List<String> values = new ArrayList<>();
    try (KeelSplitReader reader = new KeelSplitReader(source)) {
      reader.handleSplitsChanges(new SplitsAddition<>(splits));
      for (int fetch = 0; fetch < 100 && values.size() < 3; fetch++) {
        RecordsWithSplitIds<RowData> records = reader.fetch();
        while (records.nextSplit() != null) {
          RowData row;
          while ((row = records.nextRecordFromSplit()) != null) {
            assertThat(row.getArity()).isEqualTo(1);
            values.add(row.getString(0).toString());
          }
        }
      }
    }
    assertThat(values).containsExactly("v15", "v16", "v17");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                KeelSource.forTable(path)
                    .filter(Expressions.isNull(Expressions.column("nope")))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The filter (nope IS NULL) names the column nope, which the table at "
                + path
                + " does not have; its columns are [id, s]");
  }

  /** A table of {@code files} commits of {@code rows} rows each, ids counting up from 0. */
  private void writeTable(String path, int files, int rows) {
    try (DefaultEngine engine = DefaultEngine.create()) {
      Table.forPath(engine, path)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(SCHEMA)
          .build(engine)
          .commit(engine);
      for (int file = 0; file < files; file++) {
        String[] json = new String[rows];
        for (int i = 0; i < rows; i++) {
          int id = file * rows + i;
          json[i] = "{\"id\":" + id + ",\"s\":\"v" + id + "\"}";
        }
        Transaction t =
            Table.forPath(engine, path)
                .createTransactionBuilder("test", Operation.WRITE)
                .build(engine);
        t.writeRows(engine, TestBatches.owningIterator(engine, SCHEMA, dir, json));
        t.commit(engine);
      }
    }
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
