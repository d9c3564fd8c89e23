package dev.keel.kernel.defaults.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan file read in byte ranges, as an engine that splits large files reads it. */
class TestScanFileRanges {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("name", DataTypes.STRING, true)));

  @TempDir Path dir;

  @Test
  void rangesThatTileAFileReadEachLiveRowOnceWithPhysicalRowIndexes() throws Exception {
    String table = dir.resolve("t").toString();
    try (DefaultEngine engine =
        DefaultEngine.builder().parquetRowGroupSize(4096).batchSize(32_768).build()) {
      Transaction create =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.CREATE_TABLE)
              .withSchema(SCHEMA)
              .withTableProperties(Map.of("delta.enableDeletionVectors", "true"))
              .build(engine);
      String[] rows = new String[20_000];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = "{\"id\":" + i + ",\"name\":\"name-" + i + "\"}";
      }
      create.writeRows(engine, TestBatches.owningIterator(engine, SCHEMA, dir, rows));
      create.commit(engine);
      Transaction delete =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.DELETE)
              .build(engine);
      delete.delete(engine, Expressions.lessThan(Expressions.column("id"), Literal.ofLong(10)));
      delete.commit(engine);

      Scan scan =
          Table.forPath(engine, table)
              .getLatestSnapshot(engine)
              .getScanBuilder()
              .withReadSchema(SCHEMA.add(MetadataColumns.ROW_INDEX))
              .build();
      Row file;
      List<Row> files = new ArrayList<>();
      try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
        while (it.hasNext()) {
          try (FilteredColumnarBatch b = it.next();
              CloseableIterator<Row> fileRows = b.getRows()) {
            // detached, as a split carries it
            fileRows.forEachRemaining(f -> files.add(ScanFile.fromJson(ScanFile.toJson(f))));
          }
        }
      }
      assertThat(files).as("one data file").hasSize(1);
      file = files.get(0);
      long size = ScanFile.getSize(file);
      List<Long> ids = new ArrayList<>();
      int rangesWithRows = 0;
      long step = size / 5 + 1;
      for (long start = 0; start < size; start += step) {
        int before = ids.size();
        try (CloseableIterator<FilteredColumnarBatch> data =
            scan.getScanState().readFile(engine, file, start, step)) {
          while (data.hasNext()) {
            try (FilteredColumnarBatch d = data.next()) {
              for (int i = 0; i < d.getData().getSize(); i++) {
                if (d.isSelected(i)) {
                  long id = d.getData().getColumnVector(0).getLong(i);
                  assertThat(d.getData().getColumnVector(2).getLong(i))
                      .as("the row index is the row's place in the file")
                      .isEqualTo(id);
                  ids.add(id);
                }
              }
            }
          }
        }
        rangesWithRows += ids.size() > before ? 1 : 0;
      }
      assertThat(rangesWithRows)
          .as("the file's row groups are spread over the ranges")
          .isGreaterThan(1);
      assertThat(ids).hasSize(19_990).doesNotHaveDuplicates().allMatch(id -> id >= 10);
    }
  }
}
