package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestWrites extends TableTestBase {
  private static final StructType ALL = TestBatches.ALL_TYPES;
  private static final String[] ROWS = {
    "{\"id\":1,\"b\":true,\"i\":-5,\"d\":1.5,\"dec\":123.4567,\"s\":\"héllo\",\"dt\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.123456Z\","
        + "\"st\":{\"x\":1},\"arr\":[\"a\",null],\"m\":{\"k\":7}}",
    "{\"id\":2}",
    "{\"id\":3,\"s\":\"" + "x".repeat(40) + "\",\"d\":\"NaN\"}"
  };

  private CloseableIterator<ColumnarBatch> batches(StructType schema, String... rows) {
    return TestBatches.owningIterator(engine, schema, dir, rows);
  }

  private void create(StructType schema, String... partitionColumns) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(schema)
        .withPartitionColumns(List.of(partitionColumns))
        .build(engine)
        .commit(engine);
  }

  private List<String> readRows(Snapshot s) {
    return TestBatches.canonicalRows(engine, s);
  }

  private List<String> expected(StructType schema, String... rows) {
    List<String> out = new ArrayList<>();
    try (ColumnarBatch b = TestBatches.fromJson(engine, schema, dir, rows)) {
      for (int i = 0; i < b.getSize(); i++) {
        out.add(CanonicalJson.row(b, i));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void createsATableAndAppendsEveryType() {
    Transaction create =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(ALL)
            .build(engine);
    create.write(engine, Map.of(), batches(ALL, ROWS));
    assertThat(create.commit(engine).getVersion()).isEqualTo(0);
    Transaction append =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    append.write(engine, Map.of(), batches(ALL, "{\"id\":4,\"s\":\"more\"}"));
    CommitResult result = append.commit(engine);
    assertThat(result.getVersion()).isEqualTo(1);
    assertThat(result.getAttempts()).isEqualTo(1);
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(s.getSchema()).isEqualTo(ALL);
    assertThat(s.getProtocol().getMinReaderVersion()).isEqualTo(1);
    List<String> want = expected(ALL, ROWS[0], ROWS[1], ROWS[2], "{\"id\":4,\"s\":\"more\"}");
    assertThat(readRows(s)).isEqualTo(want);
    // statistics: long strings keep a 32-character minimum and no maximum; skipping uses them
    try (CloseableIterator<FilteredColumnarBatch> files =
            s.getScanBuilder()
                .withFilter(Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(3)))
                .build()
                .getScanFiles(engine);
        FilteredColumnarBatch b = files.next()) {
      assertThat(b.getSelectedCount()).isEqualTo(1);
    }
    assertThat(
            Table.forPath(engine, table).getHistory(engine, 0, 1).stream()
                .map(c -> c.getOperation().orElse("?"))
                .collect(Collectors.toList()))
        .containsExactly("WRITE", "CREATE TABLE");
  }

  @Test
  void writesHiveStylePartitionsAndPrunesThem() throws Exception {
    StructType schema =
        new StructType(
            List.of(
                new StructField("id", DataTypes.LONG, true),
                new StructField("city", DataTypes.STRING, true),
                new StructField("day", DataTypes.DATE, true)));
    StructType data = new StructType(List.of(schema.at(0)));
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(schema)
            .withPartitionColumns(List.of("city", "day"))
            .build(engine);
    Map<String, Literal> sf = new HashMap<>();
    sf.put("city", Literal.ofString("San Francisco/CA:1"));
    sf.put("day", Literal.ofDate(19000));
    List<AddFile> files = t.write(engine, sf, batches(data, "{\"id\":1}", "{\"id\":2}"));
    Map<String, Literal> nulls = new HashMap<>();
    nulls.put("city", Literal.ofNull(DataTypes.STRING));
    nulls.put("day", Literal.ofDate(19001));
    t.write(engine, nulls, batches(data, "{\"id\":3}"));
    t.commit(engine);
    assertThat(files.get(0).getPath())
        .startsWith("city=San%20Francisco%252FCA%253A1/day=2022-01-08/part-00000-");
    assertThat(Files.isDirectory(dir.resolve("t/city=San Francisco%2FCA%3A1/day=2022-01-08")))
        .isTrue();
    assertThat(Files.isDirectory(dir.resolve("t/city=__HIVE_DEFAULT_PARTITION__/day=2022-01-09")))
        .isTrue();
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(readRows(s))
        .containsExactly(
            "{\"city\":\"San Francisco/CA:1\",\"day\":\"2022-01-08\",\"id\":1}",
            "{\"city\":\"San Francisco/CA:1\",\"day\":\"2022-01-08\",\"id\":2}",
            "{\"city\":null,\"day\":\"2022-01-09\",\"id\":3}");
    assertThat(
            s.getScanBuilder()
                .withFilter(Expressions.isNull(Expressions.column("city")))
                .build()
                .getRemainingFilter())
        .isEmpty();
    try (CloseableIterator<FilteredColumnarBatch> it =
            s.getScanBuilder()
                .withFilter(Expressions.isNull(Expressions.column("city")))
                .build()
                .getScanFiles(engine);
        FilteredColumnarBatch b = it.next()) {
      assertThat(b.getSelectedCount()).isEqualTo(1);
    }
  }

  @Test
  void columnMappingNameModeWritesPhysicalNames() {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(ALL)
            .withTableProperties(Map.of("delta.columnMapping.mode", "name"))
            .build(engine);
    t.write(engine, Map.of(), batches(t.getSchema(), ROWS));
    t.commit(engine);
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(s.getProtocol().getMinReaderVersion()).isEqualTo(2);
    assertThat(s.getProtocol().getMinWriterVersion()).isEqualTo(5);
    assertThat(
            s.getSchema()
                .at(0)
                .getMetadata()
                .getString("delta.columnMapping.physicalName")
                .orElseThrow())
        .startsWith("col-");
    assertThat(s.getProperties()).containsEntry("delta.columnMapping.maxColumnId", "12");
    assertThat(readRows(s)).isEqualTo(expected(ALL, ROWS));
  }

  @Test
  void writeRowsRoutesFullRowsToTheirPartitions() throws Exception {
    StructType schema =
        new StructType(
            List.of(
                new StructField("id", DataTypes.LONG, true),
                new StructField("day", DataTypes.DATE, true),
                new StructField("city", DataTypes.STRING, true)));
    create(schema, "city", "day");
    String[] rows = {
      "{\"id\":1,\"day\":\"2026-12-01\",\"city\":\"Oslo\"}",
      "{\"id\":2,\"day\":\"2026-12-01\",\"city\":\"Lima\"}",
      "{\"id\":3,\"day\":\"2026-12-02\",\"city\":\"Oslo\"}",
      "{\"id\":4,\"day\":\"2026-12-01\",\"city\":\"Oslo\"}",
      "{\"id\":5,\"day\":null,\"city\":null}"
    };
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    List<AddFile> files = t.writeRows(engine, batches(schema, rows));
    t.commit(engine);
    assertThat(files).hasSize(4); // one per partition value
    assertThat(files)
        .extracting(AddFile::getPath)
        .anyMatch(p -> p.startsWith("city=Oslo/day=2026-12-01/"))
        .anyMatch(
            p -> p.startsWith("city=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__/"));
    assertThat(readRows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .isEqualTo(expected(schema, rows));
    Transaction wrong =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    StructType idOnly = new StructType(List.of(schema.at(0)));
    assertThatThrownBy(() -> wrong.writeRows(engine, batches(idOnly, "{\"id\":1}")))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot write rows: their schema "
                + idOnly
                + " does not match the table's schema "
                + schema
                + ". Transaction.writeRows takes every column of the table, partition columns"
                + " included, with the table's names, order and types.");
  }

  @Test
  void writeRowsPutsAPartitionsRowsOfUpToSixteenBatchesInOneFile() throws Exception {
    StructType schema =
        new StructType(
            List.of(
                new StructField("id", DataTypes.LONG, true),
                new StructField("city", DataTypes.STRING, true)));
    create(schema, "city");
    String[] cities = {"Oslo", "Lima", "Pune"};
    List<ColumnarBatch> batches = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int b = 0; b < 20; b++) { // 16 batches held, then the other 4
      String[] rows = new String[30];
      for (int r = 0; r < rows.length; r++) {
        int id = b * 100 + r;
        rows[r] = "{\"id\":" + id + ",\"city\":\"" + cities[id % 3] + "\"}";
      }
      all.addAll(List.of(rows));
      batches.add(TestBatches.fromJson(engine, schema, dir, rows));
    }
    List<AddFile> files;
    try (DefaultEngine two = DefaultEngine.builder().dataWriteParallelism(2).build()) {
      Transaction t =
          Table.forPath(two, table).createTransactionBuilder("test", Operation.WRITE).build(two);
      files = t.writeRows(two, CloseableIterator.of(batches));
      t.commit(two);
    }
    assertThat(files).as("3 partitions, twice (16 batches, then 4)").hasSize(6);
    java.util.Map<String, Long> perCity = new java.util.TreeMap<>();
    for (AddFile f : files) {
      perCity.merge(f.getPartitionValues().get("city"), 1L, Long::sum);
    }
    assertThat(perCity)
        .containsExactly(Map.entry("Lima", 2L), Map.entry("Oslo", 2L), Map.entry("Pune", 2L));
    assertThat(readRows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .isEqualTo(expected(schema, all.toArray(String[]::new)));
  }

  @Test
  void writeRowsSplitsAnUnpartitionedTablesBatchesBetweenTheWriters() throws Exception {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    create(schema);
    List<String> all = new ArrayList<>();
    for (int parallelism : new int[] {1, 2, 3}) {
      List<ColumnarBatch> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        String row = "{\"id\":" + (parallelism * 10 + b) + "}";
        all.add(row);
        batches.add(TestBatches.fromJson(engine, schema, dir, row));
      }
      try (DefaultEngine writers =
          DefaultEngine.builder().dataWriteParallelism(parallelism).build()) {
        Transaction t =
            Table.forPath(writers, table)
                .createTransactionBuilder("test", Operation.WRITE)
                .build(writers);
        List<AddFile> files = t.writeRows(writers, CloseableIterator.of(batches));
        t.commit(writers);
        assertThat(files)
            .as("4 batches, %d writers", parallelism)
            .hasSize(parallelism == 3 ? 3 : parallelism); // halves, then a half of halves
      }
    }
    assertThat(readRows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .isEqualTo(expected(schema, all.toArray(String[]::new)));
  }

  @Test
  void transactionIdsMakeAppendsIdempotent() {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(schema)
            .build(engine);
    t.commit(engine);
    Transaction first =
        Table.forPath(engine, table)
            .createTransactionBuilder("ingest", Operation.STREAMING_UPDATE)
            .withTransactionId("app-1", 5)
            .build(engine);
    first.write(engine, Map.of(), batches(schema, "{\"id\":1}"));
    first.commit(engine);
    assertThat(
            Table.forPath(engine, table)
                .getLatestSnapshot(engine)
                .getLatestTransactionVersion(engine, "app-1"))
        .contains(5L);
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .createTransactionBuilder("ingest", Operation.STREAMING_UPDATE)
                    .withTransactionId("app-1", 5)
                    .build(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `file:"
                + table
                + "`: application `app-1` already committed version 5, so version 5 "
                + "is a duplicate. The write was already done; skip it.");
    // a retry racing with the original is caught at commit time
    Transaction racing =
        Table.forPath(engine, table)
            .createTransactionBuilder("ingest", Operation.STREAMING_UPDATE)
            .withTransactionId("app-1", 6)
            .build(engine);
    Transaction other =
        Table.forPath(engine, table)
            .createTransactionBuilder("ingest", Operation.STREAMING_UPDATE)
            .withTransactionId("app-1", 6)
            .build(engine);
    other.commit(engine);
    assertThatThrownBy(() -> racing.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessageContaining("application `app-1` already committed version 6");
    assertThat(Table.forPath(engine, table).getLatestSnapshot(engine).getVersion()).isEqualTo(2);
  }

  @Test
  void concurrentAppendsFromEightThreadsAllLandExactlyOnce() throws Exception {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(schema)
        .withTableProperties(Map.of("delta.checkpointInterval", "50"))
        .build(engine)
        .commit(engine);
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> attempts = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int writer = w;
      attempts.add(
          pool.submit(
              () -> {
                int tries = 0;
                for (int k = 0; k < perThread; k++) {
                  Transaction t =
                      Table.forPath(engine, table)
                          .createTransactionBuilder("writer-" + writer, Operation.WRITE)
                          .build(engine);
                  t.write(
                      engine, Map.of(), batches(schema, "{\"id\":" + (writer * 1000 + k) + "}"));
                  tries += t.commit(engine).getAttempts();
                }
                return tries;
              }));
    }
    int totalAttempts = 0;
    for (Future<Integer> f : attempts) {
      totalAttempts += f.get();
    }
    pool.shutdown();
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(s.getVersion()).isEqualTo(threads * perThread);
    List<String> ids = readRows(s);
    assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
    assertThat(totalAttempts).isGreaterThanOrEqualTo(threads * perThread);
    assertThat(((SnapshotImpl) s).getLogSegment().checkpointVersion).isEqualTo(200);
    for (long v = 0; v <= threads * perThread; v++) {
      assertThat(Files.exists(dir.resolve("t/_delta_log/" + String.format("%020d", v) + ".json")))
          .as("version %d", v)
          .isTrue();
    }
  }

  @Test
  void aConcurrentMetadataChangeIsAConflict() throws Exception {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    create(schema);
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    String metadata =
        new String(
                Files.readAllBytes(dir.resolve("t/_delta_log/00000000000000000000.json")),
                StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("{\"metaData\""))
            .findFirst()
            .orElseThrow();
    Files.write(
        dir.resolve("t/_delta_log/00000000000000000001.json"),
        (metadata + "\n").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> t.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `file:"
                + table
                + "`: version 1 (committed concurrently) changed the table's protocol "
                + "or metadata. Re-read the table and retry the write.");
    assertThat(Files.exists(dir.resolve("t/_delta_log/00000000000000000002.json"))).isFalse();
  }

  @Test
  void checkpointsAtTheIntervalAndReadsFromThem() {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(schema)
        .withTableProperties(Map.of("delta.checkpointInterval", "2"))
        .build(engine)
        .commit(engine);
    List<String> rows = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.WRITE)
              .withTransactionId("app", k)
              .build(engine);
      t.write(engine, Map.of(), batches(schema, "{\"id\":" + k + "}"));
      CommitResult r = t.commit(engine);
      assertThat(r.isCheckpointWritten()).isEqualTo(k % 2 == 0);
      rows.add("{\"id\":" + k + "}");
    }
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(((SnapshotImpl) s).getLogSegment().checkpointVersion).isEqualTo(4);
    assertThat(readRows(s)).isEqualTo(rows);
    assertThat(s.getLatestTransactionVersion(engine, "app")).contains(5L);
    assertThat(Files.exists(dir.resolve("t/_delta_log/_last_checkpoint"))).isTrue();
  }

  @Test
  void workersWriteFilesThatACoordinatorCommits() {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(schema)
            .build(engine);
    String state = t.getState().toJson();
    List<String> shipped = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      try (DefaultEngine worker = DefaultEngine.create()) {
        for (AddFile f :
            TransactionState.fromJson(state)
                .writeFiles(
                    worker,
                    Map.of(),
                    TestBatches.owningIterator(worker, schema, dir, "{\"id\":" + w + "}"))) {
          shipped.add(f.toJson());
        }
      }
    }
    t.addFiles(shipped.stream().map(AddFile::fromJson).collect(Collectors.toList()));
    t.commit(engine);
    assertThat(readRows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void refusesBadDataAndBadRequestsBeforeCommitting() {
    StructType schema =
        new StructType(
            List.of(
                new StructField("id", DataTypes.LONG, false),
                new StructField("p", DataTypes.STRING, true)));
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .createTransactionBuilder("test", Operation.WRITE)
                    .build(engine))
        .isInstanceOf(TableNotFoundException.class)
        .hasMessage(
            "Cannot write to `file:"
                + table
                + "`: there is no Delta table there. Create it first with Operation.CREATE_TABLE and a schema.");
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .createTransactionBuilder("test", Operation.CREATE_TABLE)
                    .withSchema(schema)
                    .withTableProperties(Map.of("delta.enableTypeWidening", "true"))
                    .build(engine))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessageStartingWith(
            "Cannot set table property `delta.enableTypeWidening` to `true`: Keel 0.1 cannot yet create tables with it.");
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(schema)
            .withPartitionColumns(List.of("p"))
            .build(engine);
    StructType data = new StructType(List.of(schema.at(0)));
    assertThatThrownBy(() -> t.write(engine, Map.of(), batches(data, "{\"id\":1}")))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot write data: no value for partition column `p`. Give a value (possibly null) for every partition column: [p].");
    assertThatThrownBy(
            () ->
                t.write(engine, Map.of("p", Literal.ofString("a")), batches(data, "{\"id\":null}")))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot write data: column `id` is not nullable but the data has a null in it. Fill the value or make the column nullable.");
    StructType wrong = new StructType(List.of(new StructField("id", DataTypes.INTEGER, true)));
    assertThatThrownBy(
            () -> t.write(engine, Map.of("p", Literal.ofString("a")), batches(wrong, "{\"id\":1}")))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot write data: its schema struct<id:integer> does not match the table's data columns struct<id:long>. "
                + "Columns must have the table's names, order and types (partition columns excluded).");
    t.commit(engine);
    assertThat(readRows(Table.forPath(engine, table).getLatestSnapshot(engine))).isEmpty();
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .createTransactionBuilder("test", Operation.CREATE_TABLE)
                    .withSchema(schema)
                    .build(engine))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot create a table at `file:"
                + table
                + "`: a Delta table already exists there. Write to it instead, or choose another path.");
  }
}
