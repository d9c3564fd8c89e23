package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Snapshot facts of every case under {@code shared/cases} against {@code expected/meta.json},
 * {@code files.jsonl} and {@code meta_v<N>.json} (cases/README.md, "What a conformance runner
 * checks"). Decisions where Keel differs from a reference, each documented here:
 *
 * <ul>
 *   <li>{@code metaData} without {@code schemaString} ({@code golden/corrupted-last-checkpoint},
 *       {@code golden/deltalog-commit-info}, {@code golden/update-deleted-directory}): Keel refuses
 *       the snapshot with {@link InvalidTableException}, as Delta Kernel Java does; the README
 *       accepts either.
 *   <li>{@code kernel-rs/timestamp-partitioned-table} (an {@code add.path} that is not a valid
 *       URI): the snapshot's protocol and metadata load, and the first operation that reads the
 *       file list fails with {@link InvalidTableException}; no file, row or count is ever returned.
 *   <li>{@code kernel-rs/table-with-geo} and {@code kernel-java/catalog-owned-preview}: refused as
 *       unsupported features (Spark refuses both).
 *   <li>{@code kernel-rs/crc-full}: its checksum file was written by hand for delta-kernel-rs's
 *       checksum-parsing tests and claims 10 files while the log has none; Keel's file list follows
 *       the log (0 files, as Spark says) and reports the checksum's totals as what they are.
 * </ul>
 */
class TestSnapshotConformance {
  private static final List<String> NO_SCHEMA_STRING =
      List.of(
          "golden/corrupted-last-checkpoint",
          "golden/deltalog-commit-info",
          "golden/update-deleted-directory");
  private static final String INVALID_PATH_CASE = "kernel-rs/timestamp-partitioned-table";
  private static final String HAND_WRITTEN_CHECKSUM = "kernel-rs/crc-full";

  private static DefaultEngine engine;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return ConformanceCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
  }

  private static void check(ConformanceCase c) {
    Table table = Table.forPath(engine, c.table().toString());
    if (c.name.equals(INVALID_PATH_CASE)) {
      Snapshot s = table.getLatestSnapshot(engine);
      assertThatThrownBy(() -> liveFiles(s))
          .isInstanceOf(InvalidTableException.class)
          .hasMessageContaining("which is not a valid URI");
      return;
    }
    if (c.isErrorExpectation() || NO_SCHEMA_STRING.contains(c.name)) {
      assertThatThrownBy(() -> table.getLatestSnapshot(engine))
          .as("%s: %s", c.name, c.meta.get("sparkError"))
          .isInstanceOf(KernelException.class);
      return;
    }
    Snapshot snapshot = table.getLatestSnapshot(engine);
    checkFacts(c.name, snapshot, c.meta);
    checkFiles(c, snapshot);
    boolean filesChecked = false;
    for (long v : c.timeTravelVersions()) {
      Snapshot older = table.getSnapshotAsOfVersion(engine, v);
      checkFacts(c.name + "@v" + v, older, c.metaAtVersion(v));
      // refreshing an older snapshot must give what loading the latest gives
      Snapshot refreshed = older.refresh(engine);
      checkFacts(c.name + " refreshed from v" + v, refreshed, c.meta);
      if (!filesChecked && v < snapshot.getVersion()) {
        checkFiles(c, refreshed);
        filesChecked = true;
      }
    }
    checkTimestamps(c, table);
  }

  /**
   * commit_timestamps.json against the history; timestamp_as_of.json against time travel by
   * timestamp.
   */
  @SuppressWarnings("unchecked")
  private static void checkTimestamps(ConformanceCase c, Table table) {
    java.nio.file.Path commits = c.dir.resolve("expected/commit_timestamps.json");
    if (java.nio.file.Files.exists(commits)) {
      Map<String, Object> expected = ConformanceCase.readJsonObject(commits);
      Map<String, Object> actual = new TreeMap<>();
      for (dev.keel.kernel.CommitInfo ci : table.getHistory(engine, 0, Long.MAX_VALUE)) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("inCommitTimestamp", ci.getInCommitTimestamp().orElse(null));
        entry.put(
            "inCommitTimestampIso",
            ci.getInCommitTimestamp()
                .map(t -> java.time.Instant.ofEpochMilli(t).toString())
                .orElse(null));
        actual.put(Long.toString(ci.getVersion()), entry);
      }
      assertThat(actual).as(c.name + " commit timestamps").isEqualTo(new TreeMap<>(expected));
    }
    java.nio.file.Path asOf = c.dir.resolve("expected/timestamp_as_of.json");
    if (java.nio.file.Files.exists(asOf)) {
      for (Object o : (List<Object>) ConformanceCase.readJson(asOf)) {
        Map<String, Object> probe = (Map<String, Object>) o;
        long millis = (Long) probe.get("timestampMillis");
        if (probe.get("expectedVersion") == null) {
          assertThatThrownBy(() -> table.getSnapshotAsOfTimestamp(engine, millis))
              .as(c.name + " as of " + probe.get("timestampAsOf"))
              .isInstanceOf(dev.keel.kernel.exceptions.VersionNotFoundException.class);
        } else {
          assertThat(table.getSnapshotAsOfTimestamp(engine, millis).getVersion())
              .as(c.name + " as of " + probe.get("timestampAsOf"))
              .isEqualTo(probe.get("expectedVersion"));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static void checkFacts(String name, Snapshot s, Map<String, Object> meta) {
    assertThat(s.getVersion()).as(name + " version").isEqualTo(meta.get("version"));
    Map<String, Object> protocol = (Map<String, Object>) meta.get("protocol");
    assertThat((long) s.getProtocol().getMinReaderVersion())
        .as(name + " minReaderVersion")
        .isEqualTo(protocol.get("minReaderVersion"));
    assertThat((long) s.getProtocol().getMinWriterVersion())
        .as(name + " minWriterVersion")
        .isEqualTo(protocol.get("minWriterVersion"));
    assertThat(new ArrayList<>(s.getProtocol().getReaderFeatures()))
        .as(name + " readerFeatures")
        .isEqualTo(
            protocol.get("readerFeatures") == null ? List.of() : protocol.get("readerFeatures"));
    assertThat(new ArrayList<>(s.getProtocol().getWriterFeatures()))
        .as(name + " writerFeatures")
        .isEqualTo(
            protocol.get("writerFeatures") == null ? List.of() : protocol.get("writerFeatures"));
    assertThat(s.getPartitionColumns())
        .as(name + " partitionColumns")
        .isEqualTo(meta.get("partitionColumns"));
    assertThat(Json.parse(s.getMetadata().getSchemaString()))
        .as(name + " schemaString")
        .isEqualTo(Json.parse((String) meta.get("schemaString")));
    assertThat(s.getProperties()).as(name + " configuration").isEqualTo(meta.get("configuration"));
    assertThat(s.getMetadata().getId()).as(name + " tableId").isEqualTo(meta.get("tableId"));
    long[] totals = totals(s);
    assertThat(totals[0]).as(name + " numFiles").isEqualTo(meta.get("numFiles"));
    assertThat(totals[1]).as(name + " sizeInBytes").isEqualTo(meta.get("sizeInBytes"));
    if (!name.equals(HAND_WRITTEN_CHECKSUM)) {
      s.getNumFiles()
          .ifPresent(n -> assertThat(n).as(name + " numFiles from checksum").isEqualTo(totals[0]));
      s.getTableSizeBytes()
          .ifPresent(
              n -> assertThat(n).as(name + " sizeInBytes from checksum").isEqualTo(totals[1]));
    }
    if (meta.containsKey("domainMetadata")) {
      List<Map<String, Object>> expected = new ArrayList<>();
      for (Map.Entry<String, String> d : s.getDomainMetadata(engine).entrySet()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configuration", d.getValue());
        m.put("domain", d.getKey());
        expected.add(m);
      }
      assertThat(expected).as(name + " domainMetadata").isEqualTo(meta.get("domainMetadata"));
    }
    if (meta.containsKey("setTransactions")) {
      assertThat(new TreeMap<>(s.getSetTransactions(engine)))
          .as(name + " setTransactions")
          .isEqualTo(new TreeMap<>((Map<String, Object>) meta.get("setTransactions")));
    }
    if (meta.containsKey("inCommitTimestamp")) {
      assertThat(s.getInCommitTimestamp())
          .as(name + " inCommitTimestamp")
          .contains((Long) meta.get("inCommitTimestamp"));
      assertThat(s.getTimestamp()).isEqualTo(meta.get("inCommitTimestamp"));
    }
  }

  private static long[] totals(Snapshot s) {
    long files = 0;
    long bytes = 0;
    for (Map<String, Object> f : liveFiles(s).values()) {
      files++;
      bytes += (Long) f.get("size");
    }
    return new long[] {files, bytes};
  }

  /** The live files keyed by raw path, in the shape of files.jsonl. */
  static Map<String, Map<String, Object>> liveFiles(Snapshot s) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    try (CloseableIterator<FilteredColumnarBatch> it = s.getFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", r.getString(ScanFile.PATH));
            f.put("size", r.getLong(ScanFile.SIZE));
            f.put("stats", ScanFile.getStats(r).orElse(null));
            f.put("partitionValues", partitionValues(b, r));
            f.put("deletionVector", deletionVector(r));
            String key = (String) f.get("path") + (f.get("deletionVector") == null ? "" : " dv");
            assertThat(out.put(key, f)).as("file listed twice: " + f.get("path")).isNull();
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> partitionValues(FilteredColumnarBatch b, Row r) {
    if (r.isNullAt(ScanFile.PARTITION_VALUES)) {
      return Map.of();
    }
    dev.keel.kernel.data.MapValue m = r.getMap(ScanFile.PARTITION_VALUES);
    Map<String, Object> out = new TreeMap<>();
    for (int i = 0; i < m.getSize(); i++) {
      out.put(
          m.getKeys().getString(i), m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
    }
    return out;
  }

  private static Map<String, Object> deletionVector(Row r) {
    if (r.isNullAt(ScanFile.DELETION_VECTOR)) {
      return null;
    }
    Row dv = r.getStruct(ScanFile.DELETION_VECTOR);
    Map<String, Object> out = new TreeMap<>();
    out.put("storageType", dv.getString(0));
    out.put("pathOrInlineDv", dv.getString(1));
    if (!dv.isNullAt(2)) {
      out.put("offset", (long) dv.getInt(2));
    }
    out.put("sizeInBytes", (long) dv.getInt(3));
    out.put("cardinality", dv.getLong(4));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void checkFiles(ConformanceCase c, Snapshot s) {
    Optional<List<Map<String, Object>>> expected = c.jsonLines("files.jsonl");
    if (expected.isEmpty()) {
      return;
    }
    Map<String, Map<String, Object>> actual = liveFiles(s);
    Map<String, Map<String, Object>> byPath = new TreeMap<>();
    for (Map.Entry<String, Map<String, Object>> e : actual.entrySet()) {
      byPath.put((String) e.getValue().get("path"), e.getValue());
    }
    assertThat(byPath.keySet())
        .as(c.name + " live file paths")
        .containsExactlyInAnyOrderElementsOf(
            expected.get().stream().map(f -> (String) f.get("path")).toList());
    for (Map<String, Object> want : expected.get()) {
      Map<String, Object> got = byPath.get((String) want.get("path"));
      String what = c.name + " " + want.get("path");
      assertThat(got.get("size")).as(what + " size").isEqualTo(want.get("size"));
      assertThat(got.get("partitionValues"))
          .as(what + " partitionValues")
          .isEqualTo(new TreeMap<>((Map<String, Object>) want.get("partitionValues")));
      Object wantDv = want.get("deletionVector");
      assertThat(got.get("deletionVector"))
          .as(what + " deletionVector")
          .isEqualTo(wantDv == null ? null : new TreeMap<>((Map<String, Object>) wantDv));
      if (want.get("stats") != null) {
        assertThat(got.get("stats")).as(what + " stats").isEqualTo(want.get("stats"));
      }
    }
  }
}
