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
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.engine.Forwarding;
import dev.keel.kernel.internal.engine.ForwardingEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScanBuilder.withFileStatistics(false)}: the same files without their statistics, the log
 * read without the {@code stats} column (checkpoint and commits), and data skipping unchanged when
 * the filter needs statistics.
 */
class TestScanFileStatistics {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, false)));

  @TempDir Path dir;
  private DefaultEngine defaults;

  /** The schemas of every log file read, JSON and Parquet. */
  private final List<StructType> logReads = new CopyOnWriteArrayList<>();

  /** How often JSON strings (statistics) were parsed. */
  private final java.util.concurrent.atomic.AtomicInteger statsParses =
      new java.util.concurrent.atomic.AtomicInteger();

  private Engine engine;
  private String table;

  /** 12 commits of one 10-row file each (ids 10f..10f+9), a checkpoint at 10, two commits after. */
  @BeforeEach
  void writeTable() {
    defaults = DefaultEngine.create();
    engine =
        new ForwardingEngine(
            defaults,
            defaults.getFileSystemClient(),
            new Forwarding.Json(defaults.getJsonHandler()) {
              @Override
              public dev.keel.kernel.data.ColumnarBatch parseJson(
                  dev.keel.kernel.data.ColumnVector json,
                  StructType schema,
                  Optional<dev.keel.kernel.data.ColumnVector> selection) {
                statsParses.incrementAndGet();
                return delegate.parseJson(json, schema, selection);
              }

              @Override
              public CloseableIterator<FileReadResult> readJsonFiles(
                  CloseableIterator<FileStatus> files,
                  StructType schema,
                  Optional<Predicate> predicate)
                  throws IOException {
                logReads.add(schema);
                return delegate.readJsonFiles(files, schema, predicate);
              }
            },
            new Forwarding.Parquet(defaults.getParquetHandler()) {
              @Override
              public CloseableIterator<FileReadResult> readParquetFiles(
                  CloseableIterator<FileStatus> files,
                  StructType schema,
                  Optional<Predicate> predicate)
                  throws IOException {
                if (schema.indexOf("add") >= 0) {
                  logReads.add(schema);
                }
                return delegate.readParquetFiles(files, schema, predicate);
              }
            },
            defaults.getExpressionHandler());
    table = dir.resolve("t").toString();
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    for (int f = 0; f < 12; f++) {
      String[] lines = new String[10];
      for (int r = 0; r < 10; r++) {
        lines[r] = "{\"id\":" + (f * 10 + r) + "}";
      }
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.write(engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, dir, lines));
      t.commit(engine);
    }
  }

  @AfterEach
  void close() {
    defaults.close();
  }

  /** Path to stats (null when absent) of every scan file. */
  private Map<String, String> files(Scan scan) {
    Map<String, String> out = new TreeMap<>();
    try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          rows.forEachRemaining(
              r -> out.put(ScanFile.getPath(r), ScanFile.getStats(r).orElse(null)));
        }
      }
    }
    return out;
  }

  private static boolean readsStats(StructType logSchema) {
    int add = logSchema.indexOf("add");
    return add >= 0 && ((StructType) logSchema.at(add).getDataType()).indexOf("stats") >= 0;
  }

  @Test
  void withoutStatisticsTheSameFilesComeWithNullStatsAndTheLogIsReadWithoutThem() {
    var snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(snapshot.getVersion()).isEqualTo(12);
    logReads.clear();
    Map<String, String> with = files(snapshot.getScanBuilder().build());
    assertThat(logReads).isNotEmpty().allMatch(TestScanFileStatistics::readsStats);
    logReads.clear();
    Map<String, String> without =
        files(snapshot.getScanBuilder().withFileStatistics(false).build());
    assertThat(without.keySet()).hasSize(12).isEqualTo(with.keySet());
    assertThat(with.values()).allMatch(s -> s != null && s.contains("\"numRecords\":10"));
    assertThat(without.values()).containsOnlyNulls();
    // the checkpoint (Parquet) and the two commits after it (JSON) were read without stats
    assertThat(logReads)
        .noneMatch(TestScanFileStatistics::readsStats)
        .anyMatch(s -> s.indexOf("remove") < 0) // the checkpoint: adds only
        .anyMatch(s -> s.indexOf("remove") >= 0); // commits 11 and 12
  }

  @Test
  void typedStatisticsComeAsAStructColumnAfterTheScanFileColumns() {
    Scan scan =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .withFilter(
                Expressions.greaterThanOrEqual(Expressions.column("id"), Literal.ofLong(95)))
            .withTypedStatistics(true)
            .withFileStatistics(false)
            .build();
    List<String> seen = new java.util.ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          var stats =
              b.getData()
                  .getColumnVector(b.getData().getSchema().indexOf(ScanFile.TYPED_STATISTICS));
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              seen.add(
                  stats.getChild(0).getLong(i)
                      + " rows, id "
                      + stats.getChild(1).getChild(0).getLong(i)
                      + ".."
                      + stats.getChild(2).getChild(0).getLong(i)
                      + ", "
                      + stats.getChild(3).getChild(0).getLong(i)
                      + " null");
            }
          }
        }
      }
    }
    // ids 90-99, 100-109, 110-119 can hold id >= 95
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "10 rows, id 90..99, 0 null",
            "10 rows, id 100..109, 0 null",
            "10 rows, id 110..119, 0 null");
  }

  @Test
  void typedStatisticsComeFromACheckpointsStructuredStatisticsWithoutParsingJson() {
    String structured = dir.resolve("structured").toString();
    Table.forPath(engine, structured)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withTableProperties(Map.of("delta.checkpoint.writeStatsAsStruct", "true"))
        .build(engine)
        .commit(engine);
    for (int f = 0; f < 10; f++) {
      Transaction t =
          Table.forPath(engine, structured)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.write(
          engine,
          Map.of(),
          TestBatches.owningIterator(
              engine, SCHEMA, dir, "{\"id\":" + f + "}", "{\"id\":" + (f + 100) + "}"));
      t.commit(engine); // version 10 is checkpointed, with stats_parsed
    }
    var snapshot = Table.forPath(engine, structured).getLatestSnapshot(engine);
    assertThat(snapshot.getVersion()).isEqualTo(10);
    statsParses.set(0);
    List<String> seen = typedRanges(snapshot);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "0..100", "1..101", "2..102", "3..103", "4..104", "5..105", "6..106", "7..107",
            "8..108", "9..109");
    assertThat(statsParses.get()).as("statistics JSON parsed").isZero();
    // without structured statistics in the checkpoint, the same figures come from the JSON
    statsParses.set(0);
    assertThat(typedRanges(Table.forPath(engine, table).getLatestSnapshot(engine))).hasSize(12);
    assertThat(statsParses.get()).isPositive();
  }

  private List<String> typedRanges(dev.keel.kernel.Snapshot snapshot) {
    List<String> out = new java.util.ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        snapshot.getScanBuilder().withTypedStatistics(true).build().getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          assertThat(b.getData().getSchema().length()).isEqualTo(ScanFile.SCHEMA.length() + 1);
          var stats = b.getData().getColumnVector(ScanFile.SCHEMA.length());
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(
                  stats.getChild(1).getChild(0).getLong(i)
                      + ".."
                      + stats.getChild(2).getChild(0).getLong(i));
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void aFilterThatNeedsStatisticsStillSkipsFilesAndHandsTheStatisticsOut() {
    Scan scan =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .withFilter(
                Expressions.greaterThanOrEqual(Expressions.column("id"), Literal.ofLong(105)))
            .withFileStatistics(false)
            .build();
    Map<String, String> files = files(scan);
    assertThat(files).hasSize(2); // ids 100-109 and 110-119
    assertThat(files.values()).allMatch(s -> s != null && s.contains("\"numRecords\":10"));
  }

  @Test
  void withoutStatisticsDeletionVectorsStillReconcile() {
    String dvTable = dir.resolve("dv").toString();
    Table.forPath(engine, dvTable)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withTableProperties(Map.of("delta.enableDeletionVectors", "true"))
        .build(engine)
        .commit(engine);
    Transaction t =
        Table.forPath(engine, dvTable)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine,
        Map.of(),
        TestBatches.owningIterator(engine, SCHEMA, dir, "{\"id\":1}", "{\"id\":2}"));
    t.commit(engine);
    Transaction d =
        Table.forPath(engine, dvTable)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    d.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1)));
    d.commit(engine); // the same file again, with a deletion vector
    var snapshot = Table.forPath(engine, dvTable).getLatestSnapshot(engine);
    List<Boolean> hasDv = new java.util.ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        snapshot.getScanBuilder().withFileStatistics(false).build().getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          rows.forEachRemaining(r -> hasDv.add(!r.isNullAt(ScanFile.DELETION_VECTOR)));
        }
      }
    }
    assertThat(hasDv).containsExactly(true);
  }
}
