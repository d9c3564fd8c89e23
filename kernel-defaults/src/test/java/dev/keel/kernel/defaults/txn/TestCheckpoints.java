package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.txn.CheckpointWriter;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checkpoints Keel writes: tombstones, multi-part, V2 with sidecars, statistics as a struct. */
class TestCheckpoints extends TableTestBase {
  private static final long DAY = 24L * 3600 * 1000;
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));
  private static final StructType ACTIONS =
      new StructType(
          List.of(
              new StructField("add", ActionSchemas.ADD, true),
              new StructField("remove", ActionSchemas.TOMBSTONE, true),
              new StructField("txn", ActionSchemas.TXN, true),
              new StructField("protocol", ActionSchemas.PROTOCOL, true),
              new StructField(
                  "metaData",
                  new StructType(List.of(new StructField("id", DataTypes.STRING, true))),
                  true)));

  /**
   * Creates the table and appends one file per partition value in {@code parts}, one commit each.
   */
  private void create(Map<String, String> props, String... parts) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withPartitionColumns(List.of("p"))
        .withTableProperties(props)
        .build(engine)
        .commit(engine);
    long id = 0;
    for (String p : parts) {
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.write(
          engine,
          Map.of("p", Literal.ofString(p)),
          TestBatches.owningIterator(
              engine, DATA, dir, "{\"id\":" + (++id) + "}", "{\"id\":" + (id + 100) + "}"));
      t.commit(engine);
    }
  }

  private SnapshotImpl latest() {
    return (SnapshotImpl) Table.forPath(engine, table).getLatestSnapshot(engine);
  }

  private Path log() {
    return dir.resolve("t/_delta_log");
  }

  private List<Path> list(Path d, String glob) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(
              f -> d.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The rows of Parquet files read with {@code schema}, as parsed canonical JSON objects. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> read(List<Path> files, StructType schema) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path f : files) {
      try (CloseableIterator<FileReadResult> it =
          engine
              .getParquetHandler()
              .readParquetFiles(
                  CloseableIterator.of(
                      List.of(engine.getFileSystemClient().getFileStatus(f.toString()))),
                  schema,
                  Optional.empty())) {
        while (it.hasNext()) {
          try (ColumnarBatch b = it.next().getData()) {
            for (int i = 0; i < b.getSize(); i++) {
              out.add((Map<String, Object>) Json.parse(CanonicalJson.row(b, i)));
            }
          }
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> actions(List<Map<String, Object>> rows, String kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (r.get(kind) instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) r.get(kind);
        out.add(a);
      }
    }
    return out;
  }

  private static List<Object> field(List<Map<String, Object>> actions, String name) {
    return actions.stream()
        .map(a -> a.get(name))
        .sorted((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)))
        .collect(Collectors.toList());
  }

  private String fileOf(String partition) {
    try (CloseableIterator<FilteredColumnarBatch> files = latest().getFiles(engine)) {
      List<String> paths = new ArrayList<>();
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<dev.keel.kernel.data.Row> rows = b.getRows()) {
          rows.forEachRemaining(
              r -> {
                if (r.getMap(1).getValues().getString(0).equals(partition)) {
                  paths.add(r.getString(0));
                }
              });
        }
      }
      assertThat(paths).hasSize(1);
      return paths.get(0);
    }
  }

  @Test
  void keepsUnexpiredTombstonesWithTheirFieldsAndDropsExpiredOnes() throws IOException {
    create(Map.of(), "a", "b", "c");
    String removed = fileOf("b");
    long before = System.currentTimeMillis();
    removePartition("b");
    SnapshotImpl s = latest();
    CheckpointWriter.write(
        engine, s, CheckpointWriter.Layout.classic(), System.currentTimeMillis());
    Path checkpoint = log().resolve("00000000000000000004.checkpoint.parquet");
    List<Map<String, Object>> rows = read(List.of(checkpoint), ACTIONS);
    List<Map<String, Object>> removes = actions(rows, "remove");
    assertThat(field(removes, "path")).containsExactly(removed);
    assertThat((long) removes.get(0).get("deletionTimestamp"))
        .isBetween(before, System.currentTimeMillis());
    assertThat(removes.get(0).get("dataChange")).isEqualTo(false);
    assertThat(removes.get(0).get("size"))
        .isEqualTo(Files.size(dir.resolve("t").resolve(removed.replace("%3D", "="))));
    assertThat(actions(rows, "add"))
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.get("dataChange")).isEqualTo(false));
    assertThat(actions(rows, "protocol")).hasSize(1);
    assertThat(actions(rows, "metaData")).hasSize(1);
    assertThat(Files.readString(log().resolve("_last_checkpoint")))
        .isEqualTo("{\"version\":4,\"size\":5}");
    // a week and a day later the tombstone has expired
    Files.delete(checkpoint);
    CheckpointWriter.write(
        engine, s, CheckpointWriter.Layout.classic(), System.currentTimeMillis() + 8 * DAY);
    assertThat(actions(read(List.of(checkpoint), ACTIONS), "remove")).isEmpty();
    assertThat(Files.readString(log().resolve("_last_checkpoint")))
        .isEqualTo("{\"version\":4,\"size\":4}");
  }

  private void commit(long version, String... actions) throws IOException {
    Files.createDirectories(log());
    Files.writeString(
        log().resolve(String.format("%020d.json", version)), String.join("\n", actions) + "\n");
  }

  private static String add(String path) {
    return "{\"add\":{\"path\":\""
        + path
        + "\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}";
  }

  private static String remove(String path, long when) {
    return "{\"remove\":{\"path\":\""
        + path
        + "\",\"deletionTimestamp\":"
        + when
        + ",\"dataChange\":true}}";
  }

  private void rawTable() throws IOException {
    commit(
        0,
        "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
        "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
            + DATA.toJson().replace("\"", "\\\"")
            + "\",\"partitionColumns\":[],\"configuration\":{}}}",
        add("a"),
        add("b"));
  }

  @Test
  void aFileAddedAgainIsNoTombstoneAndOlderCheckpointsPassTheirsOn() throws IOException {
    rawTable();
    long now = System.currentTimeMillis();
    commit(1, remove("a", now), remove("b", now - 10 * DAY));
    CheckpointWriter.write(engine, latest(), CheckpointWriter.Layout.classic(), now);
    List<Map<String, Object>> at1 =
        read(list(log(), "00000000000000000001.checkpoint.parquet"), ACTIONS);
    assertThat(field(actions(at1, "remove"), "path")).containsExactly("a");
    assertThat(actions(at1, "add")).isEmpty();
    commit(2, add("c"));
    CheckpointWriter.write(engine, latest(), CheckpointWriter.Layout.classic(), now);
    assertThat(latest().getLogSegment().checkpointVersion).isEqualTo(2);
    List<Map<String, Object>> at2 =
        read(list(log(), "00000000000000000002.checkpoint.parquet"), ACTIONS);
    assertThat(field(actions(at2, "remove"), "path"))
        .as("tombstone carried from the checkpoint at 1")
        .containsExactly("a");
    assertThat(field(actions(at2, "add"), "path")).containsExactly("c");
    commit(3, add("a"));
    CheckpointWriter.write(engine, latest(), CheckpointWriter.Layout.classic(), now);
    List<Map<String, Object>> at3 =
        read(list(log(), "00000000000000000003.checkpoint.parquet"), ACTIONS);
    assertThat(actions(at3, "remove")).as("a is live again").isEmpty();
    assertThat(field(actions(at3, "add"), "path")).containsExactly("a", "c");
  }

  @Test
  void writesMultiPartCheckpointsThatReadersUse() throws IOException {
    create(Map.of(), "a", "b", "c", "d", "e");
    List<String> rows = TestBatches.canonicalRows(engine, latest());
    CheckpointWriter.write(
        engine, latest(), CheckpointWriter.Layout.multiPart(3), System.currentTimeMillis());
    List<Path> parts = list(log(), "00000000000000000005.checkpoint.*.parquet");
    assertThat(parts.stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "00000000000000000005.checkpoint.0000000001.0000000003.parquet",
            "00000000000000000005.checkpoint.0000000002.0000000003.parquet",
            "00000000000000000005.checkpoint.0000000003.0000000003.parquet");
    assertThat(Files.readString(log().resolve("_last_checkpoint")))
        .isEqualTo("{\"version\":5,\"size\":7,\"parts\":3}");
    List<Map<String, Object>> all = read(parts, ACTIONS);
    assertThat(actions(all, "add")).hasSize(5);
    assertThat(actions(read(parts.subList(0, 1), ACTIONS), "protocol")).hasSize(1);
    SnapshotImpl s = latest();
    assertThat(s.getLogSegment().checkpointVersion).isEqualTo(5);
    assertThat(s.getLogSegment().deltas).isEmpty();
    assertThat(TestBatches.canonicalRows(engine, s)).isEqualTo(rows);
  }

  @Test
  void neverWritesEmptyParts() throws IOException {
    create(Map.of(), "a", "b");
    CheckpointWriter.write(
        engine, latest(), CheckpointWriter.Layout.multiPart(10), System.currentTimeMillis());
    assertThat(list(log(), "00000000000000000002.checkpoint.*.parquet")).hasSize(2);
    assertThat(Files.readString(log().resolve("_last_checkpoint")))
        .isEqualTo("{\"version\":2,\"size\":4,\"parts\":2}");
    assertThat(latest().getLogSegment().checkpointVersion).isEqualTo(2);
  }

  @Test
  void writesV2CheckpointsWithSidecarsOnTablesThatAskForThem() throws IOException {
    create(
        Map.of("delta.checkpointPolicy", "v2", "delta.checkpointInterval", "1000"),
        "a",
        "b",
        "c",
        "d",
        "e");
    assertThat(latest().getProtocol().getReaderFeatures()).contains("v2Checkpoint");
    assertThat(latest().getProtocol().getWriterFeatures()).contains("v2Checkpoint");
    removePartition("c");
    List<String> rows = TestBatches.canonicalRows(engine, latest());
    CheckpointWriter.write(
        engine, latest(), CheckpointWriter.Layout.v2(2), System.currentTimeMillis());
    List<Path> tops = list(log(), "00000000000000000006.checkpoint.*.parquet");
    assertThat(tops).hasSize(1);
    assertThat(tops.get(0).getFileName().toString())
        .matches("00000000000000000006\\.checkpoint\\.[0-9a-f-]{36}\\.parquet");
    StructType topSchema =
        ActionSchemas.of(
            ActionSchemas.CHECKPOINT_METADATA_FIELD,
            ActionSchemas.SIDECAR_FIELD,
            ActionSchemas.PROTOCOL_FIELD,
            ActionSchemas.ADD_FIELD);
    List<Map<String, Object>> top = read(tops, topSchema);
    assertThat(field(actions(top, "checkpointMetadata"), "version")).containsExactly(6L);
    assertThat(actions(top, "protocol")).hasSize(1);
    assertThat(actions(top, "add")).as("file actions live in the sidecars").isEmpty();
    List<Path> sidecars = list(log().resolve("_sidecars"), "*.parquet");
    assertThat(sidecars).hasSize(3); // 4 adds and 1 tombstone, 2 per sidecar
    List<Map<String, Object>> sidecarActions = actions(top, "sidecar");
    assertThat(field(sidecarActions, "path"))
        .containsExactlyElementsOf(
            sidecars.stream()
                .map(p -> p.getFileName().toString())
                .sorted()
                .collect(Collectors.toList()));
    for (Map<String, Object> sc : sidecarActions) {
      assertThat(sc.get("sizeInBytes"))
          .isEqualTo(Files.size(log().resolve("_sidecars").resolve((String) sc.get("path"))));
    }
    List<Map<String, Object>> inSidecars = read(sidecars, ACTIONS);
    assertThat(actions(inSidecars, "add")).hasSize(4);
    assertThat(actions(inSidecars, "remove")).hasSize(1);
    assertThat(Files.readString(log().resolve("_last_checkpoint"))).startsWith("{\"version\":6,");
    SnapshotImpl s = latest();
    assertThat(s.getLogSegment().checkpointVersion).isEqualTo(6);
    assertThat(TestBatches.canonicalRows(engine, s)).isEqualTo(rows);
  }

  @Test
  void checkpointsAtTheIntervalOnV2TablesAreV2() throws IOException {
    create(Map.of("delta.checkpointPolicy", "v2", "delta.checkpointInterval", "2"), "a");
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":7}"));
    CommitResult r = t.commit(engine);
    assertThat(r.isCheckpointWritten()).isTrue();
    assertThat(list(log(), "00000000000000000002.checkpoint.*-*.parquet")).hasSize(1);
    assertThat(list(log().resolve("_sidecars"), "*.parquet")).hasSize(1);
    assertThat(TestBatches.canonicalRows(engine, latest()))
        .containsExactly(
            "{\"id\":1,\"p\":\"a\"}", "{\"id\":101,\"p\":\"a\"}", "{\"id\":7,\"p\":\"b\"}");
  }

  @Test
  void refusesAV2LayoutOnATableWithoutTheFeature() {
    create(Map.of(), "a");
    assertThatThrownBy(
            () -> CheckpointWriter.write(engine, latest(), CheckpointWriter.Layout.v2(10), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a V2 checkpoint needs the v2Checkpoint table feature");
  }

  @Test
  void refusesAnUnknownCheckpointPolicy() {
    assertThatThrownBy(() -> create(Map.of("delta.checkpointPolicy", "v3")))
        .hasMessage(
            "Cannot set table property `delta.checkpointPolicy` to `v3`: it must be classic or v2.");
  }

  @Test
  void writesStatisticsAsAStructThatDataSkippingUses() throws IOException {
    create(
        Map.of(
            "delta.checkpoint.writeStatsAsStruct",
            "true",
            "delta.checkpoint.writeStatsAsJson",
            "false"),
        "a",
        "b",
        "c");
    Table.forPath(engine, table).checkpoint(engine, 3);
    StructType statsParsed =
        new StructType(
            List.of(
                new StructField("numRecords", DataTypes.LONG, true),
                new StructField("minValues", DATA, true),
                new StructField("maxValues", DATA, true),
                new StructField("nullCount", DATA, true)));
    StructType schema =
        new StructType(
            List.of(
                new StructField(
                    "add",
                    ActionSchemas.ADD.add(new StructField("stats_parsed", statsParsed, true)),
                    true)));
    List<Map<String, Object>> adds =
        actions(
            read(List.of(log().resolve("00000000000000000003.checkpoint.parquet")), schema), "add");
    assertThat(adds).hasSize(3).allSatisfy(a -> assertThat(a.get("stats")).isNull());
    assertThat(adds.stream().map(a -> String.valueOf(a.get("stats_parsed"))).sorted())
        .containsExactly(
            "{maxValues={id=101}, minValues={id=1}, nullCount={id=0}, numRecords=2}",
            "{maxValues={id=102}, minValues={id=2}, nullCount={id=0}, numRecords=2}",
            "{maxValues={id=103}, minValues={id=3}, nullCount={id=0}, numRecords=2}");
    Snapshot s = latest();
    try (CloseableIterator<FilteredColumnarBatch> files =
        s.getScanBuilder()
            .withFilter(Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(102)))
            .build()
            .getScanFiles(engine)) {
      long n = 0;
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next()) {
          n += b.getSelectedCount();
        }
      }
      assertThat(n).as("files left after skipping on the struct statistics").isEqualTo(1);
    }
  }

  @Test
  void keepsWhenEachTransactionWasLastUpdated() throws IOException {
    create(Map.of());
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("app", 3)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":1}"));
    t.commit(engine);
    long fromCommit = latest().getTransactionLastUpdated(engine).get("app");
    Table.forPath(engine, table).checkpoint(engine, 1);
    List<Map<String, Object>> txns =
        actions(
            read(List.of(log().resolve("00000000000000000001.checkpoint.parquet")), ACTIONS),
            "txn");
    assertThat(txns).hasSize(1);
    assertThat(txns.get(0))
        .containsEntry("appId", "app")
        .containsEntry("version", 3L)
        .containsEntry("lastUpdated", fromCommit);
    assertThat(
            new String(
                Files.readAllBytes(log().resolve("00000000000000000001.json")),
                StandardCharsets.UTF_8))
        .contains("\"lastUpdated\":" + fromCommit);
  }
}
