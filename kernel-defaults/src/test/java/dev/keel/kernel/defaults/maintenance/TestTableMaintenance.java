package dev.keel.kernel.defaults.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Restore, repair, vacuum and log cleanup on tables Keel writes. */
class TestTableMaintenance extends TableTestBase {
  private static final StructType SCHEMA = ID_P;
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  private List<String> rows() {
    return TestBatches.canonicalRows(
        engine, Table.forPath(engine, table).getLatestSnapshot(engine));
  }

  private List<Path> dataFiles(String partition) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("t/p=" + partition))) {
      return files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
  }

  @Test
  void restoreBringsBackAnEarlierVersionsFilesInOneCommit() {
    createIdTable(Map.of()); // v0
    append("a", 1); // v1
    append("b", 2); // v2
    removePartition("a"); // v3
    assertThat(rows()).containsExactly("{\"id\":2,\"p\":\"b\"}");
    MaintenanceResult r = Table.forPath(engine, table).restore(engine, 1);
    assertThat(r.getOperation()).isEqualTo("RESTORE");
    assertThat(r.getVersion()).contains(4L);
    assertThat(r.getFilesAdded()).isEqualTo(1); // a's file
    assertThat(r.getFilesRemoved()).isEqualTo(1); // b's file
    assertThat(rows()).containsExactly("{\"id\":1,\"p\":\"a\"}");
    assertThat(Table.forPath(engine, table).getHistory(engine, 4, 4).get(0).getOperation())
        .contains("RESTORE");
    assertThat(Table.forPath(engine, table).restore(engine, 4).getVersion()).isEmpty();
    assertThatThrownBy(() -> Table.forPath(engine, table).restore(engine, 9))
        .isInstanceOf(VersionNotFoundException.class);
  }

  @Test
  void repairListsThenRemovesEntriesWhoseFilesAreGone() throws Exception {
    createIdTable(Map.of());
    append("a", 1);
    append("b", 2);
    Path lost = dataFiles("b").get(0);
    Files.delete(lost);
    MaintenanceResult dry = Table.forPath(engine, table).repair(engine, true);
    assertThat(dry.isDryRun()).isTrue();
    assertThat(dry.getPaths()).hasSize(1).allMatch(p -> p.endsWith(lost.getFileName().toString()));
    assertThat(dry.getVersion()).isEmpty();
    assertThat(Table.forPath(engine, table).getLatestSnapshot(engine).getVersion()).isEqualTo(2);
    List<String> checked = new java.util.ArrayList<>();
    MaintenanceResult done =
        Table.forPath(engine, table)
            .repair(engine, false, (step, n, total) -> checked.add(step + " " + n + "/" + total));
    assertThat(done.getVersion()).contains(3L);
    assertThat(checked).containsExactly("check 0/2", "check 1/2", "check 2/2");
    assertThat(rows()).containsExactly("{\"id\":1,\"p\":\"a\"}");
    assertThat(Table.forPath(engine, table).repair(engine, false).getPaths()).isEmpty();
  }

  @Test
  void vacuumDeletesOnlyOldUnneededFilesAndRefusesAShortRetentionUnlessForced() throws Exception {
    createIdTable(Map.of());
    append("a", 1); // v1
    append("b", 2); // v2
    removePartition("a"); // v3: a's file is a tombstone
    Path removed = dataFiles("a").get(0);
    Path live = dataFiles("b").get(0);
    long old = System.currentTimeMillis() - 3_600_000;
    Files.setLastModifiedTime(removed, FileTime.fromMillis(old));
    Files.setLastModifiedTime(live, FileTime.fromMillis(old));
    // a file a writer has just written and not yet committed, and files vacuum never touches
    Path uncommitted = dir.resolve("t/p=b/part-uncommitted.parquet");
    Files.writeString(uncommitted, "data");
    Files.createDirectories(dir.resolve("t/_hidden"));
    Files.writeString(dir.resolve("t/_hidden/x"), "x");
    Files.setLastModifiedTime(dir.resolve("t/_hidden/x"), FileTime.fromMillis(old));
    Table t = Table.forPath(engine, table);
    assertThat(t.vacuum(engine, Optional.empty(), true, false).getPaths())
        .as("the removal is within the default 7 days")
        .isEmpty();
    assertThatThrownBy(() -> t.vacuum(engine, Optional.of(Duration.ZERO), false, false))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot vacuum `"
                + t.getPath()
                + "` keeping removed files for PT0S: the table keeps them for PT168H"
                + " (delta.deletedFileRetentionDuration), and readers of older versions or writers"
                + " still committing may need them. Force it if no one does.");
    Files.setLastModifiedTime(
        uncommitted, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    MaintenanceResult dry = t.vacuum(engine, Optional.of(Duration.ZERO), true, true);
    assertThat(dry.getPaths()).containsExactly("file:" + removed);
    assertThat(Files.exists(removed)).isTrue();
    List<String> deleted = new java.util.ArrayList<>();
    MaintenanceResult done =
        t.vacuum(
            engine,
            Optional.of(Duration.ZERO),
            false,
            true,
            (step, n, total) -> deleted.add(step + " " + n + "/" + total));
    assertThat(done.getPaths()).containsExactly("file:" + removed);
    assertThat(deleted).containsExactly("delete 0/1", "delete 1/1");
    assertThat(done.getBytes()).isPositive();
    assertThat(Files.exists(removed)).isFalse();
    assertThat(Files.exists(live)).isTrue();
    assertThat(Files.exists(uncommitted)).isTrue();
    assertThat(Files.exists(dir.resolve("t/_hidden/x"))).isTrue();
    assertThat(rows()).containsExactly("{\"id\":2,\"p\":\"b\"}");
  }

  @Test
  void vacuumDuringAnAppendKeepsTheFilesItHasWrittenAndNotCommitted() throws Exception {
    createIdTable(Map.of());
    // a file of a writer that failed two hours ago: no version references it
    Path orphan = Files.createDirectories(dir.resolve("t/p=a")).resolve("part-orphan.parquet");
    Files.writeString(orphan, "data");
    Files.setLastModifiedTime(
        orphan, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000));
    Transaction writer =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    writer.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":7}", "{\"id\":8}"));
    List<Path> written = dataFiles("a").stream().filter(f -> !f.equals(orphan)).toList();
    assertThat(written).isNotEmpty();
    MaintenanceResult r =
        Table.forPath(engine, table).vacuum(engine, Optional.of(Duration.ofHours(1)), false, true);
    assertThat(r.getPaths()).containsExactly("file:" + orphan);
    assertThat(written).allMatch(Files::exists);
    assertThat(writer.commit(engine).getVersion()).isEqualTo(1);
    assertThat(rows()).containsExactly("{\"id\":7,\"p\":\"a\"}", "{\"id\":8,\"p\":\"a\"}");
  }

  @Test
  void logCleanupDeletesWhatTheNewestOldCheckpointCovers() throws Exception {
    createIdTable(
        Map.of(
            "delta.checkpointInterval", "2",
            "delta.logRetentionDuration", "interval 1 hours")); // v0
    for (int i = 1; i <= 5; i++) {
      append("a", i); // v1..v5; checkpoints at 2 and 4
    }
    long old = System.currentTimeMillis() - 2 * 3_600_000;
    try (Stream<Path> log = Files.list(dir.resolve("t/_delta_log"))) {
      for (Path f : log.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.compareTo(String.format("%020d", 5)) < 0) {
          Files.setLastModifiedTime(f, FileTime.fromMillis(old));
        }
      }
    }
    MaintenanceResult r = Table.forPath(engine, table).cleanUpLog(engine);
    assertThat(r.getPaths())
        .isNotEmpty()
        .allMatch(
            p -> p.substring(p.lastIndexOf('/') + 1).compareTo(String.format("%020d", 4)) < 0);
    assertThat(Files.exists(dir.resolve(String.format("t/_delta_log/%020d.json", 3)))).isFalse();
    assertThat(Files.exists(dir.resolve(String.format("t/_delta_log/%020d.checkpoint.parquet", 4))))
        .isTrue();
    assertThat(Table.forPath(engine, table).getLatestSnapshot(engine).getVersion()).isEqualTo(5);
    assertThat(Table.forPath(engine, table).getSnapshotAsOfVersion(engine, 4).getVersion())
        .isEqualTo(4);
    assertThat(rows()).hasSize(5);
  }

  @Test
  void logCleanupCheckpointsTheFirstVersionWithinTheRetentionWhenNoCheckpointCoversTheRest()
      throws Exception {
    createIdTable(Map.of("delta.logRetentionDuration", "interval 1 hours")); // v0
    for (int i = 1; i <= 6; i++) {
      append("a", i); // v1..v6
    }
    Table t = Table.forPath(engine, table);
    t.checkpoint(engine, 6); // newer than the retention's start: does not cover v0..v3
    Path log = dir.resolve("t/_delta_log");
    for (int v = 0; v <= 3; v++) {
      Files.setLastModifiedTime(
          log.resolve(String.format("%020d.json", v)),
          FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000));
    }
    MaintenanceResult r = t.cleanUpLog(engine);
    assertThat(r.getPaths())
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder(
            String.format("%020d.json", 0),
            String.format("%020d.json", 1),
            String.format("%020d.json", 2),
            String.format("%020d.json", 3));
    assertThat(log.resolve(String.format("%020d.checkpoint.parquet", 4))).exists();
    assertThat(Files.readString(log.resolve("_last_checkpoint")))
        .as("the hint stays on the newest checkpoint")
        .startsWith("{\"version\":6,");
    assertThat(t.getSnapshotAsOfVersion(engine, 4).getVersion()).isEqualTo(4);
    assertThatThrownBy(() -> t.getSnapshotAsOfVersion(engine, 3))
        .isInstanceOf(VersionNotFoundException.class);
    assertThat(rows()).hasSize(6);
    assertThat(t.cleanUpLog(engine).getPaths()).as("nothing more expired").isEmpty();
  }

  @Test
  void optimizeCompactsSmallFilesPerPartitionWithoutChangingTheRows() throws Exception {
    createIdTable(Map.of());
    for (int i = 0; i < 5; i++) {
      append("a", i); // v1..v5
    }
    append("b", 10); // v6
    append("b", 11); // v7
    List<String> before = rows();
    MaintenanceResult r =
        Table.forPath(engine, table).optimize(engine, Optional.empty(), 128L << 20);
    assertThat(r.getOperation()).isEqualTo("OPTIMIZE");
    assertThat(r.getVersion()).contains(8L);
    assertThat(r.getFilesRemoved()).isEqualTo(7);
    assertThat(r.getFilesAdded()).isEqualTo(2); // one per partition
    assertThat(r.getPartitionsTouched()).isEqualTo(2);
    assertThat(rows()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(dataFiles("a")).hasSize(6); // 5 old (still there until vacuumed) + 1 new
    for (String line :
        Files.readAllLines(dir.resolve(String.format("t/_delta_log/%020d.json", 8)))) {
      if (line.startsWith("{\"add\"") || line.startsWith("{\"remove\"")) {
        assertThat(line).contains("\"dataChange\":false");
      }
    }
    assertThat(Table.forPath(engine, table).getHistory(engine, 8, 8).get(0).getOperation())
        .contains("OPTIMIZE");
    assertThat(
            Table.forPath(engine, table)
                .optimize(engine, Optional.empty(), 128L << 20)
                .getVersion())
        .as("nothing left to compact")
        .isEmpty();
  }

  @Test
  void optimizeWithoutASizePacksUpToTheTablesTargetFileSize() throws Exception {
    createIdTable(Map.of());
    for (int i = 0; i < 4; i++) {
      append("a", i); // v1..v4, four one-row files
    }
    long largest = 0;
    for (Path f : dataFiles("a")) {
      largest = Math.max(largest, Files.size(f));
    }
    // room for two of the files per bin, not three
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(Map.of("delta.targetFileSize", (2 * largest + 1) + "b"))
        .build(engine)
        .commit(engine); // v5
    List<String> before = rows();
    MaintenanceResult r = Table.forPath(engine, table).optimize(engine, Optional.empty());
    assertThat(r.getFilesRemoved()).isEqualTo(4);
    assertThat(r.getFilesAdded()).isEqualTo(2);
    assertThat(r.getPartitionsTouched()).isEqualTo(1);
    assertThat(rows()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void optimizeLeavesFilesAboveTheMinimumSizeAndReportsTheBytesItRewrites() throws Exception {
    createIdTable(Map.of());
    append("a", java.util.stream.LongStream.range(100, 1100).toArray()); // v1, one larger file
    Path large = dataFiles("a").get(0);
    for (int i = 0; i < 3; i++) {
      append("a", i); // v2..v4, three one-row files
    }
    List<String> before = rows();
    List<String> updates = new java.util.ArrayList<>();
    MaintenanceResult r =
        Table.forPath(engine, table)
            .createOptimizeBuilder()
            .withTargetFileSize(128L << 20)
            .withMinFileSize(Files.size(large)) // the larger file is not below it
            .withProgress((step, done, total) -> updates.add(step + " " + done + "/" + total))
            .execute(engine);
    assertThat(r.getFilesRemoved()).isEqualTo(3);
    assertThat(r.getFilesAdded()).isEqualTo(1);
    assertThat(r.getPaths()).noneMatch(p -> p.endsWith(large.getFileName().toString()));
    long small = r.getBytes();
    assertThat(updates).containsExactly("rewrite 0/" + small, "rewrite " + small + "/" + small);
    assertThat(rows()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void optimizeRefusesSizesThatMakeNoSense() {
    createIdTable(Map.of());
    Table t = Table.forPath(engine, table);
    assertThatThrownBy(() -> t.createOptimizeBuilder().withTargetFileSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("targetFileSize must be positive, got 0");
    assertThatThrownBy(() -> t.createOptimizeBuilder().withMinFileSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minFileSize must be positive, got -1");
    assertThatThrownBy(() -> t.createOptimizeBuilder().withMinFileSize(1L << 28).execute(engine))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "minFileSize (268435456 bytes) must not exceed the target file size (134217728"
                + " bytes): files between the two would be compacted into bins that cannot hold"
                + " two of them");
  }

  @Test
  void optimizeRewritesFilesWithDeletionVectorsWithoutTheDeletedRows() {
    createIdTable(Map.of("delta.enableDeletionVectors", "true"));
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":1}", "{\"id\":2}"));
    t.commit(engine);
    Transaction d =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    d.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1)));
    d.commit(engine);
    MaintenanceResult r =
        Table.forPath(engine, table).optimize(engine, Optional.empty(), 128L << 20);
    assertThat(r.getFilesRemoved()).isEqualTo(1);
    assertThat(r.getFilesAdded()).isEqualTo(1);
    assertThat(rows()).containsExactly("{\"id\":2,\"p\":\"a\"}");
  }

  @Test
  void optimizeTakesAPartitionFilterOnPartitionColumnsOnly() throws Exception {
    createIdTable(Map.of());
    append("a", 1);
    append("a", 2);
    append("b", 3);
    append("b", 4);
    MaintenanceResult r =
        Table.forPath(engine, table)
            .optimize(
                engine,
                Optional.of(Expressions.equal(Expressions.column("p"), Literal.ofString("a"))),
                128L << 20);
    assertThat(r.getFilesRemoved()).isEqualTo(2);
    assertThat(r.getPaths()).allMatch(p -> p.contains("/p=a/"));
    assertThat(r.getPartitionsTouched()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .optimize(
                        engine,
                        Optional.of(
                            Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(0))),
                        128L << 20))
        .isInstanceOf(dev.keel.kernel.exceptions.InvalidExpressionException.class)
        .hasMessage(
            "Cannot remove files by `(id > 0)`: it must reference partition columns only [p]. Use"
                + " delete for conditions on data columns.");
  }

  /** How many of a snapshot's files a filter keeps, and how many it has. */
  private long[] filesKept(dev.keel.kernel.expressions.Predicate filter) {
    var snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
    long all = 0;
    long kept = 0;
    for (int pass = 0; pass < 2; pass++) {
      var builder = snapshot.getScanBuilder();
      try (dev.keel.kernel.utils.CloseableIterator<dev.keel.kernel.data.FilteredColumnarBatch> it =
          (pass == 0 ? builder : builder.withFilter(filter)).build().getScanFiles(engine)) {
        while (it.hasNext()) {
          try (dev.keel.kernel.data.FilteredColumnarBatch b = it.next()) {
            if (pass == 0) {
              all += b.getSelectedCount();
            } else {
              kept += b.getSelectedCount();
            }
          }
        }
      }
    }
    return new long[] {kept, all};
  }

  @Test
  void zOrderMakesRangeFiltersOnEachColumnSkipMostFiles() {
    StructType xy =
        new StructType(
            List.of(
                new StructField("x", DataTypes.LONG, true),
                new StructField("y", DataTypes.LONG, true)));
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(xy)
        .build(engine)
        .commit(engine);
    java.util.Random random = new java.util.Random(42);
    for (int f = 0; f < 20; f++) {
      String[] lines = new String[50_000]; // 1,000,000 rows in all
      for (int r = 0; r < lines.length; r++) {
        lines[r] =
            "{\"x\":" + random.nextInt(1_000_000) + ",\"y\":" + random.nextInt(1_000_000) + "}";
      }
      Transaction t =
          Table.forPath(engine, table)
              .createTransactionBuilder("test", Operation.WRITE)
              .build(engine);
      t.write(engine, Map.of(), TestBatches.owningIterator(engine, xy, dir, lines));
      t.commit(engine);
    }
    dev.keel.kernel.expressions.Predicate lowX =
        Expressions.lessThan(Expressions.column("x"), Literal.ofLong(100_000));
    dev.keel.kernel.expressions.Predicate highY =
        Expressions.greaterThanOrEqual(Expressions.column("y"), Literal.ofLong(900_000));
    assertThat(filesKept(lowX)).as("random files: nothing to skip").containsExactly(20, 20);
    long total =
        Table.forPath(engine, table).getLatestSnapshot(engine).getTableSizeBytes().orElseThrow();
    List<String> before = new java.util.ArrayList<>(rows());
    java.util.Collections.sort(before);
    MaintenanceResult r =
        Table.forPath(engine, table)
            .optimize(engine, Optional.empty(), total / 64, List.of("x", "y"));
    assertThat(r.getFilesRemoved()).isEqualTo(20);
    assertThat(r.getPartitionsTouched()).as("unpartitioned: one").isEqualTo(1);
    assertThat(r.getFilesAdded()).isBetween(60L, 68L);
    List<String> after = new java.util.ArrayList<>(rows());
    java.util.Collections.sort(after);
    assertThat(after.equals(before)).as("the same 1,000,000 rows").isTrue();
    assertThat(after).hasSize(1_000_000);
    long[] x = filesKept(lowX);
    long[] y = filesKept(highY);
    System.out.println(
        "[z-order] 1,000,000 rows in "
            + x[1]
            + " files: x < 100000 keeps "
            + x[0]
            + ", y >= 900000 keeps "
            + y[0]
            + " (before: 20 of 20 each)");
    // each range holds 10% of the rows; Z-ordered files must let at least 70% of them be skipped
    assertThat((double) x[0] / x[1])
        .as("files kept for x < 100000: %s of %s", x[0], x[1])
        .isLessThanOrEqualTo(0.3);
    assertThat((double) y[0] / y[1])
        .as("files kept for y >= 900000: %s of %s", y[0], y[1])
        .isLessThanOrEqualTo(0.3);
    assertThatThrownBy(
            () ->
                Table.forPath(engine, table)
                    .optimize(engine, Optional.empty(), total, List.of("z")))
        .isInstanceOf(dev.keel.kernel.exceptions.InvalidExpressionException.class)
        .hasMessage(
            "Cannot Z-order `"
                + Table.forPath(engine, table).getPath()
                + "` by `z`: it is not a data column of the table. Data columns: [x, y].");
  }

  @Test
  void optimizeRacingAppendsLosesNoRow() throws Exception {
    createIdTable(Map.of());
    for (int i = 0; i < 6; i++) {
      append("a", i);
    }
    Thread appender =
        new Thread(
            () -> {
              for (int i = 100; i < 112; i++) {
                append("a", i);
              }
            });
    appender.start();
    for (int round = 0; round < 3; round++) {
      Table.forPath(engine, table).optimize(engine, Optional.empty(), 128L << 20);
    }
    appender.join(60_000);
    assertThat(appender.isAlive()).isFalse();
    Table.forPath(engine, table).optimize(engine, Optional.empty(), 128L << 20);
    assertThat(rows()).hasSize(18); // 6 + 12 appended rows, each once
  }

  @Test
  void optimizeLosingToADeleteOfAFileItRewritesFails() {
    createIdTable(Map.of());
    append("a", 1);
    append("a", 2);
    // the delete commits just before optimize writes its commit file
    boolean[] raced = {false};
    dev.keel.kernel.engine.Engine racing =
        new dev.keel.kernel.internal.engine.ForwardingEngine(
            engine,
            new dev.keel.kernel.internal.engine.Forwarding.FileSystem(
                engine.getFileSystemClient()) {
              @Override
              public void write(String path, byte[] content, boolean overwrite)
                  throws java.io.IOException {
                if (!raced[0] && path.contains("_delta_log/") && path.endsWith(".json")) {
                  raced[0] = true;
                  removePartition("a");
                }
                delegate.write(path, content, overwrite);
              }
            },
            engine.getJsonHandler(),
            engine.getParquetHandler(),
            engine.getExpressionHandler());
    assertThatThrownBy(
            () -> Table.forPath(racing, table).optimize(racing, Optional.empty(), 128L << 20))
        .isInstanceOf(dev.keel.kernel.exceptions.ConcurrentWriteException.class)
        .hasMessageContaining("(committed concurrently) removed the file `p=a/");
    assertThat(rows()).isEmpty(); // the delete stands; optimize committed nothing
  }
}
