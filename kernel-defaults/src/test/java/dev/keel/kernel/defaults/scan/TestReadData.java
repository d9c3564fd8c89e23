package dev.keel.kernel.defaults.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Scan.readData} one file at a time (scan-file order) and with files read in parallel
 * ({@code dataReadParallelism}: every row, each file's rows in order), failures reaching the
 * caller, and nothing leaked when the caller stops early.
 */
class TestReadData {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("s", DataTypes.STRING, true)));
  private static final int FILES = 12;
  private static final int ROWS_PER_FILE = 100;

  @TempDir Path dir;
  private String table;

  /** 12 commits of one 100-row file each; ids 0..1199. */
  @BeforeEach
  void writeTable() {
    table = dir.resolve("t").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      Table.forPath(engine, table)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(SCHEMA)
          .build(engine)
          .commit(engine);
      for (int f = 0; f < FILES; f++) {
        String[] lines = new String[ROWS_PER_FILE];
        for (int r = 0; r < ROWS_PER_FILE; r++) {
          long id = (long) f * ROWS_PER_FILE + r;
          lines[r] = "{\"id\":" + id + ",\"s\":\"row " + id + "\"}";
        }
        Transaction t =
            Table.forPath(engine, table)
                .createTransactionBuilder("test", Operation.WRITE)
                .build(engine);
        t.write(engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, dir, lines));
        t.commit(engine);
      }
    }
  }

  /** Small batches, so every file is several batches and the read-ahead queues fill up. */
  private static DefaultEngine engine(int parallelism) {
    return DefaultEngine.builder().batchSize(7).dataReadParallelism(parallelism).build();
  }

  private List<Long> ids(DefaultEngine engine) {
    List<Long> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnVector id = b.getData().getColumnVector(0);
          ColumnVector s = b.getData().getColumnVector(1);
          for (int i = 0; i < b.getData().getSize(); i++) {
            assertThat(s.getString(i)).isEqualTo("row " + id.getLong(i));
            out.add(id.getLong(i));
          }
        }
      }
    }
    return out;
  }

  /** The data file paths in scan-file order. */
  private List<String> scanFilePaths(DefaultEngine engine) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          rows.forEachRemaining(r -> out.add(ScanFile.getPath(r)));
        }
      }
    }
    return out;
  }

  /**
   * The ids a file holds: the files were written with consecutive ids, so its first id names it.
   */
  private static List<Long> idsOfFile(long firstId) {
    return LongStream.range(firstId, firstId + ROWS_PER_FILE).boxed().toList();
  }

  /**
   * Asserts each file's rows (ids {@code f*100 .. f*100+99}) come in row order, whatever the
   * interleaving.
   */
  private static void assertEachFileInRowOrder(List<Long> ids) {
    long[] last = new long[FILES];
    java.util.Arrays.fill(last, -1);
    for (long id : ids) {
      int file = (int) (id / ROWS_PER_FILE);
      assertThat(id)
          .as("row %d of file %d", id, file)
          .isEqualTo(last[file] < 0 ? (long) file * ROWS_PER_FILE : last[file] + 1);
      last[file] = id;
    }
  }

  @Test
  void oneAtATimeReadsFilesInScanFileOrder() {
    List<Long> sequential;
    List<String> order;
    try (DefaultEngine one = engine(1)) {
      sequential = ids(one);
      order = scanFilePaths(one);
    }
    assertThat(sequential).hasSize(FILES * ROWS_PER_FILE);
    List<Long> expected = new ArrayList<>();
    try (DefaultEngine one = engine(1)) {
      for (String path : order) {
        // the file with that path holds the 100 ids starting at the first one read from it
        expected.addAll(idsOfFile(firstIdOf(one, path)));
      }
    }
    assertThat(sequential).isEqualTo(expected);
  }

  private long firstIdOf(DefaultEngine engine, String path) {
    dev.keel.kernel.ScanState state =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .getScanState();
    try (CloseableIterator<FilteredColumnarBatch> files =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            if (ScanFile.getPath(r).equals(path)) {
              try (CloseableIterator<FilteredColumnarBatch> data = state.readFile(engine, r);
                  FilteredColumnarBatch first = data.next()) {
                return first.getData().getColumnVector(0).getLong(0);
              }
            }
          }
        }
      }
    }
    throw new AssertionError("no scan file " + path);
  }

  @Test
  void parallelReadsGiveEveryRowWithEachFileInRowOrder() {
    for (int parallelism : new int[] {2, 4, 16}) {
      List<Long> ids;
      try (DefaultEngine engine = engine(parallelism)) {
        ids = ids(engine);
      }
      assertThat(ids.stream().sorted().toList())
          .as("parallelism %d", parallelism)
          .isEqualTo(LongStream.range(0, FILES * ROWS_PER_FILE).boxed().toList());
      assertEachFileInRowOrder(ids);
    }
  }

  @Test
  void stoppingEarlyLeaksNoArrowMemory() {
    DefaultEngine engine = engine(4);
    try (CloseableIterator<FilteredColumnarBatch> it =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .build()
            .readData(engine)) {
      it.next().close();
      assertThat(it.hasNext()).isTrue();
    }
    engine.close(); // throws if a batch read ahead was not closed
  }

  @Test
  void aMissingFileFailsTheRead() throws IOException {
    List<String> order;
    try (DefaultEngine engine = engine(1)) {
      order = scanFilePaths(engine);
    }
    assertThat(order).hasSize(FILES);
    Path missing = Paths.get(table).resolve(order.get(5));
    long missingFirstId;
    try (DefaultEngine engine = engine(1)) {
      missingFirstId = firstIdOf(engine, order.get(5));
    }
    Files.delete(missing);
    for (int parallelism : new int[] {1, 4}) {
      List<Long> read = new ArrayList<>();
      DefaultEngine engine = engine(parallelism);
      try (CloseableIterator<FilteredColumnarBatch> it =
          Table.forPath(engine, table)
              .getLatestSnapshot(engine)
              .getScanBuilder()
              .build()
              .readData(engine)) {
        assertThatThrownBy(
                () -> {
                  while (it.hasNext()) {
                    try (FilteredColumnarBatch b = it.next()) {
                      for (int i = 0; i < b.getData().getSize(); i++) {
                        read.add(b.getData().getColumnVector(0).getLong(i));
                      }
                    }
                  }
                })
            .isInstanceOf(KernelException.class)
            .hasMessage(
                "Failed to open Parquet file `file:"
                    + missing
                    + "`: FileNotFoundException: "
                    + missing
                    + " (No such file or directory)");
      }
      engine.close(); // throws if a batch read ahead was not closed
      assertThat(read).doesNotContainAnyElementsOf(idsOfFile(missingFirstId));
      assertEachFileInRowOrder(read);
      if (parallelism == 1) {
        assertThat(read).hasSize(5 * ROWS_PER_FILE); // the five files before it, then the failure
      }
    }
  }
}
