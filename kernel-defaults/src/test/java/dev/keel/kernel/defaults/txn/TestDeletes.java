package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TestDeletes extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  private List<String> rows(Snapshot s) {
    return TestBatches.canonicalRows(engine, s);
  }

  private void createWithTwoPartitions() {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":1}", "{\"id\":2}", "{\"id\":3}"));
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":4}", "{\"id\":5}"));
    t.commit(engine);
  }

  private Transaction txn(Operation op) {
    return Table.forPath(engine, table).createTransactionBuilder("test", op).build(engine);
  }

  @Test
  void deletesRowsRewritingOnlyTheFilesThatHoldThem() {
    createWithTwoPartitions();
    Transaction t = txn(Operation.DELETE);
    assertThat(t.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(2))))
        .isEqualTo(1);
    t.commit(engine);
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(rows(s))
        .containsExactly(
            "{\"id\":1,\"p\":\"a\"}",
            "{\"id\":3,\"p\":\"a\"}",
            "{\"id\":4,\"p\":\"b\"}",
            "{\"id\":5,\"p\":\"b\"}");
    assertThat(Table.forPath(engine, table).getHistory(engine, 1, 1).get(0).getOperation())
        .contains("DELETE");
    // a whole partition's rows: the file goes without a rewrite
    Transaction all = txn(Operation.DELETE);
    assertThat(
            all.delete(engine, Expressions.equal(Expressions.column("p"), Literal.ofString("b"))))
        .isEqualTo(2);
    all.commit(engine);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":1,\"p\":\"a\"}", "{\"id\":3,\"p\":\"a\"}");
    // nothing matches: nothing changes but the commit
    Transaction none = txn(Operation.DELETE);
    assertThat(
            none.delete(
                engine, Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(100))))
        .isEqualTo(0);
    none.commit(engine);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine))).hasSize(2);
  }

  @Test
  void overwritesAPartition() {
    createWithTwoPartitions();
    Transaction t = txn(Operation.OVERWRITE);
    assertThat(
            t.removeFiles(
                engine, Expressions.equal(Expressions.column("p"), Literal.ofString("a"))))
        .isEqualTo(1);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":9}"));
    t.commit(engine);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly(
            "{\"id\":4,\"p\":\"b\"}", "{\"id\":5,\"p\":\"b\"}", "{\"id\":9,\"p\":\"a\"}");
    assertThatThrownBy(
            () ->
                txn(Operation.OVERWRITE)
                    .removeFiles(
                        engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1))))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot remove files by `(id = 1)`: it must reference partition columns only [p]. Use delete for conditions on data columns.");
  }

  @Test
  void deleteAgainstDeleteOfTheSameFileFailsForTheSecond() {
    createWithTwoPartitions();
    Transaction first = txn(Operation.DELETE);
    Transaction second = txn(Operation.DELETE);
    first.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1)));
    second.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(2)));
    first.commit(engine);
    assertThatThrownBy(() -> second.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessageMatching(
            "Cannot commit to `file:.*`: version 1 \\(committed concurrently\\) removed the file `p=a/part-.*\\.parquet` "
                + "that this transaction also changes\\. Re-read the table and retry\\.");
    // an append concurrent with a delete is compatible
    Transaction delete = txn(Operation.DELETE);
    Transaction append = txn(Operation.WRITE);
    delete.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(4)));
    append.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":6}"));
    append.commit(engine);
    assertThat(delete.commit(engine).getAttempts()).isEqualTo(2);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly(
            "{\"id\":2,\"p\":\"a\"}",
            "{\"id\":3,\"p\":\"a\"}",
            "{\"id\":5,\"p\":\"b\"}",
            "{\"id\":6,\"p\":\"b\"}");
  }

  @Test
  void appendOnlyTablesRefuseDeletes() {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withTableProperties(Map.of("delta.appendOnly", "true"))
        .build(engine)
        .commit(engine);
    assertThatThrownBy(() -> txn(Operation.DELETE).delete(engine, Expressions.alwaysTrue()))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot delete from `file:"
                + table
                + "`: the table is append-only (delta.appendOnly=true). "
                + "Only appends are allowed; unset the property to delete.");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void deletesFromASparkTableWithDeletionVectors() throws IOException {
    Path source = SharedData.casesDir().resolve("spark/dv_delete");
    copy(source.resolve("table"), dir.resolve("t"));
    List<String> expected = new ArrayList<>();
    for (String line :
        Files.readAllLines(source.resolve("expected/rows.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.contains("\"id\":7,") && !line.contains("\"id\":8,")) {
        expected.add(line);
      }
    }
    Transaction t = txn(Operation.DELETE);
    long deleted =
        t.delete(
            engine,
            Expressions.in(
                Expressions.column("id"), List.of(Literal.ofLong(7), Literal.ofLong(8))));
    t.commit(engine);
    List<String> actual = rows(Table.forPath(engine, table).getLatestSnapshot(engine));
    assertThat(actual).isEqualTo(expected.stream().sorted().collect(Collectors.toList()));
    assertThat(deleted)
        .isEqualTo(
            Files.readAllLines(source.resolve("expected/rows.jsonl")).size() - expected.size());
  }

  private long count(String glob) throws IOException {
    java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> files = Files.walk(dir.resolve("t"))) {
      return files.filter(p -> m.matches(p.getFileName())).count();
    }
  }

  @Test
  void writesDeletionVectorsOnTablesThatEnableThem() throws IOException {
    Transaction create =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .withTableProperties(Map.of("delta.enableDeletionVectors", "true"))
            .build(engine);
    create.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":1}", "{\"id\":2}", "{\"id\":3}"));
    create.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":4}"));
    create.commit(engine);
    assertThat(
            Table.forPath(engine, table)
                .getLatestSnapshot(engine)
                .getProtocol()
                .getReaderFeatures())
        .contains("deletionVectors");
    long parquet = count("*.parquet");
    assertThat(Files.readString(dir.resolve("t/_delta_log/00000000000000000000.json")))
        .as("new files' stats are tight")
        .contains("\\\"tightBounds\\\":true");

    Transaction first = txn(Operation.DELETE);
    assertThat(first.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(2))))
        .isEqualTo(1);
    first.commit(engine);
    assertThat(count("*.parquet")).as("no file is rewritten").isEqualTo(parquet);
    assertThat(count("deletion_vector_*.bin")).isEqualTo(1);
    String commit1 = Files.readString(dir.resolve("t/_delta_log/00000000000000000001.json"));
    assertThat(commit1)
        .contains("\"deletionVector\":{\"storageType\":\"u\"")
        .contains("\"cardinality\":1")
        .contains("\\\"tightBounds\\\":false");
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly(
            "{\"id\":1,\"p\":\"a\"}", "{\"id\":3,\"p\":\"a\"}", "{\"id\":4,\"p\":\"b\"}");

    // a second delete in the same file: the new vector holds both rows, the remove names the old
    // one
    Transaction second = txn(Operation.DELETE);
    assertThat(
            second.delete(
                engine, Expressions.lessThanOrEqual(Expressions.column("id"), Literal.ofLong(2))))
        .isEqualTo(1);
    second.commit(engine);
    String commit2 = Files.readString(dir.resolve("t/_delta_log/00000000000000000002.json"));
    assertThat(commit2).contains("\"cardinality\":2");
    assertThat(commit2.lines().filter(l -> l.startsWith("{\"remove\"")).findFirst().orElseThrow())
        .contains("\"cardinality\":1");
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":3,\"p\":\"a\"}", "{\"id\":4,\"p\":\"b\"}");
    // a checkpoint keeps the vectors: with the commits before it gone, the rows are the same
    // (its own commit stays, as log cleanup keeps it: without it the latest version is refused)
    Table.forPath(engine, table).checkpoint(engine, 2);
    for (int v = 0; v < 2; v++) {
      Files.delete(dir.resolve("t/_delta_log/" + String.format("%020d.json", v)));
    }
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":3,\"p\":\"a\"}", "{\"id\":4,\"p\":\"b\"}");

    // the last live row of a file: the file is removed, no vector written
    Transaction last = txn(Operation.DELETE);
    assertThat(last.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(3))))
        .isEqualTo(1);
    last.commit(engine);
    assertThat(count("deletion_vector_*.bin")).isEqualTo(2);
    String commit3 = Files.readString(dir.resolve("t/_delta_log/00000000000000000003.json"));
    assertThat(commit3).contains("{\"remove\"").doesNotContain("{\"add\"");
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":4,\"p\":\"b\"}");
  }

  /** Each row's id, file path (as the log has it) and physical row index, read with ROW_INDEX. */
  private Map<Long, Map.Entry<String, Long>> positions() {
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    StructType read =
        new StructType(List.of(SCHEMA.at(0), dev.keel.kernel.engine.MetadataColumns.ROW_INDEX));
    dev.keel.kernel.Scan scan = s.getScanBuilder().withReadSchema(read).build();
    Map<Long, Map.Entry<String, Long>> out = new java.util.TreeMap<>();
    try (dev.keel.kernel.utils.CloseableIterator<dev.keel.kernel.data.FilteredColumnarBatch> files =
        scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (dev.keel.kernel.data.FilteredColumnarBatch b = files.next();
            dev.keel.kernel.utils.CloseableIterator<dev.keel.kernel.data.Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            dev.keel.kernel.data.Row file = rows.next();
            try (dev.keel.kernel.utils.CloseableIterator<dev.keel.kernel.data.FilteredColumnarBatch>
                data = scan.getScanState().readFile(engine, file)) {
              while (data.hasNext()) {
                try (dev.keel.kernel.data.FilteredColumnarBatch d = data.next()) {
                  for (int i = 0; i < d.getData().getSize(); i++) {
                    if (d.isSelected(i)) {
                      out.put(
                          d.getData().getColumnVector(0).getLong(i),
                          Map.entry(
                              dev.keel.kernel.ScanFile.getPath(file),
                              d.getData().getColumnVector(1).getLong(i)));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  private Map<String, long[]> rowsOf(long... ids) {
    Map<Long, Map.Entry<String, Long>> at = positions();
    Map<String, List<Long>> byFile = new java.util.HashMap<>();
    for (long id : ids) {
      Map.Entry<String, Long> e = at.get(id);
      byFile.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    Map<String, long[]> out = new java.util.HashMap<>();
    byFile.forEach((f, l) -> out.put(f, l.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }

  @Test
  void deletesRowsByPositionWithDeletionVectorsOrByRewriting() throws IOException {
    createIdTable(Map.of("delta.enableDeletionVectors", "true"));
    append("a", 1, 2, 3);
    append("b", 4, 5);
    long parquet = count("*.parquet");
    Transaction t = txn(Operation.DELETE);
    assertThat(t.deleteRows(engine, rowsOf(2, 4))).isEqualTo(2);
    t.commit(engine);
    assertThat(count("*.parquet")).as("no file is rewritten").isEqualTo(parquet);
    assertThat(count("deletion_vector_*.bin")).isEqualTo(2);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly(
            "{\"id\":1,\"p\":\"a\"}", "{\"id\":3,\"p\":\"a\"}", "{\"id\":5,\"p\":\"b\"}");
    // positions stay physical after a vector: deleting row 3 (index 2) merges with the old vector
    Transaction again = txn(Operation.DELETE);
    assertThat(again.deleteRows(engine, rowsOf(3))).isEqualTo(1);
    again.commit(engine);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":1,\"p\":\"a\"}", "{\"id\":5,\"p\":\"b\"}");

    // a file another writer removed meanwhile is a conflict
    Map<String, long[]> stale = rowsOf(5);
    removePartition("b");
    Transaction late = txn(Operation.DELETE);
    assertThatThrownBy(() -> late.deleteRows(engine, stale))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot delete rows of `"
                + stale.keySet().iterator().next()
                + "` in `file:"
                + dir.resolve("t")
                + "`: the file is not in version 5 of the table (another writer removed it after"
                + " the rows were read). Run the delete again.");
  }

  @Test
  void deletesRowsByPositionRewritingFilesWithoutDeletionVectors() {
    createIdTable(Map.of());
    append("a", 1, 2, 3);
    Transaction t = txn(Operation.DELETE);
    assertThat(t.deleteRows(engine, rowsOf(1, 3))).isEqualTo(2);
    t.commit(engine);
    assertThat(rows(Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly("{\"id\":2,\"p\":\"a\"}");
    assertThat(positions().get(2L).getValue()).as("the kept row moved to a new file").isEqualTo(0);
  }
}
