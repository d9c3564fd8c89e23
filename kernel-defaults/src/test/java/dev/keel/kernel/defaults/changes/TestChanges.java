package dev.keel.kernel.defaults.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Changes;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.exceptions.ChangeDataNotAvailableException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Table.getChanges} on tables Keel writes: appends as inserts, deletes (copy-on-write, whole
 * files, deletion vectors) from their change data or removed files, the change columns, a read
 * schema, and the exact refusals.
 */
class TestChanges extends TableTestBase {
  private static final StructType SCHEMA = ID_P;
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  private void create(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.putIfAbsent("delta.enableChangeDataFeed", "true");
    createIdTable(all);
  }

  private List<String> changes(long from, long to, StructType readSchema) {
    var builder = Table.forPath(engine, table).getChanges().fromVersion(from).toVersion(to);
    Changes changes =
        (readSchema == null ? builder : builder.withReadSchema(readSchema)).build(engine);
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = changes.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnarBatch data = b.getData();
          assertThat(data.getSchema()).isEqualTo(changes.getSchema());
          for (int i = 0; i < data.getSize(); i++) {
            if (b.isSelected(i)) {
              assertThat(
                      data.getColumnVector(data.getSchema().indexOf(Changes.COMMIT_TIMESTAMP))
                          .getLong(i))
                  .isPositive();
              out.add(
                  CanonicalJson.row(
                      data.withDeletedColumnAt(data.getSchema().indexOf(Changes.COMMIT_TIMESTAMP)),
                      i));
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static String row(long id, String p, String type, long version) {
    return "{\"_change_type\":\""
        + type
        + "\",\"_commit_version\":"
        + version
        + ",\"id\":"
        + id
        + ",\"p\":\""
        + p
        + "\"}";
  }

  @Test
  void appendsAndDeletesOfEveryKindBecomeChangeRows() {
    create(Map.of());
    append("a", 1, 2, 3); // v1
    append("b", 4); // v2
    deleteId(2); // v3: copy-on-write, written as change data
    deleteId(4); // v4: the whole file removed
    assertThat(changes(1, 4, null))
        .containsExactlyInAnyOrder(
            row(1, "a", "insert", 1),
            row(2, "a", "delete", 3),
            row(2, "a", "insert", 1),
            row(3, "a", "insert", 1),
            row(4, "b", "delete", 4),
            row(4, "b", "insert", 2));
    assertThat(changes(3, 3, null)).containsExactly(row(2, "a", "delete", 3));
  }

  @Test
  void deletionVectorDeletesAreReadFromTheirChangeDataOrTheVectorsDifference() throws Exception {
    create(Map.of("delta.enableDeletionVectors", "true"));
    append("a", 1, 2, 3); // v1
    deleteId(1); // v2
    deleteId(3); // v3
    assertThat(changes(2, 3, null))
        .containsExactly(row(1, "a", "delete", 2), row(3, "a", "delete", 3));
    // without its change data files, the same commits are read from the deletion vectors
    for (long v = 2; v <= 3; v++) {
      java.nio.file.Path commit = dir.resolve(String.format("t/_delta_log/%020d.json", v));
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(commit)) {
        if (!line.startsWith("{\"cdc\"")) {
          kept.add(line);
        }
      }
      Files.write(commit, kept);
    }
    assertThat(changes(2, 3, null))
        .containsExactly(row(1, "a", "delete", 2), row(3, "a", "delete", 3));
  }

  @Test
  void aReadSchemaPicksTheColumns() {
    create(Map.of());
    append("a", 7);
    assertThat(changes(1, 1, DATA))
        .containsExactly("{\"_change_type\":\"insert\",\"_commit_version\":1,\"id\":7}");
  }

  @Test
  void rangesTheLogCannotAnswerAreRefusedExactly() throws Exception {
    create(Map.of());
    append("a", 1); // v1
    String t = Table.forPath(engine, table).getPath();
    assertThatThrownBy(() -> changes(2, 1, null))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the changes of `"
                + t
                + "` from version 2 to 1: the start is after the end."
                + " Give a start at or before the end.");
    assertThatThrownBy(() -> changes(0, 5, null))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the changes of `"
                + t
                + "` up to version 5: the latest version is 1."
                + " Read up to version 1 at most.");
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(Map.of("delta.enableChangeDataFeed", "false"))
        .build(engine)
        .commit(engine); // v2
    append("a", 2); // v3
    assertThatThrownBy(() -> changes(1, 3, null))
        .isInstanceOf(ChangeDataNotAvailableException.class)
        .hasMessage(
            "Cannot read the changes of `"
                + t
                + "` from version 1 to 3: the change data feed"
                + " (delta.enableChangeDataFeed) was not enabled at version 2. Read a range of versions that"
                + " had it enabled.");
    Table.forPath(engine, table).checkpoint(engine, 3);
    Files.delete(dir.resolve("t/_delta_log/00000000000000000000.json"));
    assertThatThrownBy(() -> changes(0, 3, null))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the changes of `"
                + t
                + "` from version 0: the commits before version 1"
                + " were removed from the log (metadata cleanup). Start at version 1 or later.");
  }

  @Test
  void timestampsResolveToTheFirstCommitAtOrAfterTheStartAndTheLastAtOrBeforeTheEnd()
      throws Exception {
    create(Map.of()); // v0
    append("a", 1); // v1
    append("b", 2); // v2
    append("c", 3); // v3
    for (int v = 0; v <= 3; v++) {
      Files.setLastModifiedTime(
          dir.resolve(String.format("t/_delta_log/%020d.json", v)),
          java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (v + 1)));
    }
    Changes changes =
        Table.forPath(engine, table)
            .getChanges()
            .fromTimestamp(1_500_000) // after v0 (1,000,000) and before v1 (2,000,000)
            .toTimestamp(3_500_000) // after v2 (3,000,000)
            .build(engine);
    assertThat(changes.getStartVersion()).isEqualTo(1);
    assertThat(changes.getEndVersion()).isEqualTo(2);
    assertThat(
            Table.forPath(engine, table)
                .getChanges()
                .fromTimestamp(2_000_000) // exactly v1's time
                .build(engine)
                .getStartVersion())
        .isEqualTo(1);
    assertThatThrownBy(
            () -> Table.forPath(engine, table).getChanges().fromTimestamp(9_000_000).build(engine))
        .isInstanceOf(VersionNotFoundException.class);
  }

  @Test
  void aChangeFileNotWrittenByGetChangeFilesIsRefused() {
    create(Map.of());
    append("a", 1);
    Changes changes = Table.forPath(engine, table).getChanges().fromVersion(1).build(engine);
    List<String> files = changes.getChangeFiles(engine);
    assertThat(files).hasSize(1);
    assertThat(files.get(0))
        .startsWith("{\"version\":1,\"timestamp\":")
        .contains("\"kind\":\"insert\"");
    assertThatThrownBy(
            () -> Changes.readChangeFile(engine, changes.getStateJson(), "{\"kind\":\"upsert\"}"))
        .isInstanceOf(dev.keel.kernel.exceptions.KernelException.class)
        .hasMessage(
            "Cannot read a change file from `{\"kind\":\"upsert\"}`: it was not written by"
                + " Changes.getChangeFiles (java.lang.IllegalArgumentException: kind upsert).");
  }

  @Test
  void aFilterSkipsChangeFilesOfOtherPartitionsAndLeavesTheRestToTheCaller() {
    create(Map.of());
    append("a", 1); // v1
    append("b", 2); // v2
    deleteId(2); // v3: a change data file in partition b
    Changes changes =
        Table.forPath(engine, table)
            .getChanges()
            .fromVersion(1)
            .withFilter(
                Expressions.and(
                    Expressions.equal(Expressions.column("p"), Literal.ofString("b")),
                    Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(0))))
            .build(engine);
    assertThat(changes.getChangeFiles(engine)).hasSize(2); // v2's insert and v3's change data
    assertThat(changes.getRemainingFilter().map(Object::toString)).contains("(id > 0)");
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = changes.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnarBatch data = b.getData();
          for (int i = 0; i < data.getSize(); i++) {
            if (b.isSelected(i)) {
              rows.add(
                  CanonicalJson.row(
                      data.withDeletedColumnAt(data.getSchema().indexOf(Changes.COMMIT_TIMESTAMP)),
                      i));
            }
          }
        }
      }
    }
    assertThat(rows).containsExactlyInAnyOrder(row(2, "b", "insert", 2), row(2, "b", "delete", 3));
  }
}
