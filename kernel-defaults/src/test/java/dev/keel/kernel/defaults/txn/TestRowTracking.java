package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Row ids and row commit versions on tables created with {@code delta.enableRowTracking}. */
class TestRowTracking extends TableTestBase {
  private static final StructType SCHEMA = ID_P;
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  private void create(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.put("delta.enableRowTracking", "true");
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .withTableProperties(all)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":1}", "{\"id\":2}", "{\"id\":3}"));
    t.commit(engine);
  }

  private Snapshot latest() {
    return Table.forPath(engine, table).getLatestSnapshot(engine);
  }

  /** {@code id:rowId@rowCommitVersion} per row, by id. */
  private List<String> rowIds() {
    StructType read =
        new StructType(
            List.of(SCHEMA.at(0), MetadataColumns.ROW_ID, MetadataColumns.ROW_COMMIT_VERSION));
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        latest().getScanBuilder().withReadSchema(read).build().readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnarBatch d = b.getData();
          for (int i = 0; i < d.getSize(); i++) {
            if (b.isSelected(i)) {
              out.add(
                  d.getColumnVector(0).getLong(i)
                      + ":"
                      + d.getColumnVector(1).getLong(i)
                      + "@"
                      + d.getColumnVector(2).getLong(i));
            }
          }
        }
      }
    }
    out.sort(
        (x, y) -> Long.compare(Long.parseLong(x.split(":")[0]), Long.parseLong(y.split(":")[0])));
    return out;
  }

  private String commitFile(long v) throws IOException {
    return Files.readString(dir.resolve(String.format("t/_delta_log/%020d.json", v)));
  }

  @Test
  void assignsFreshRowIdsAndCommitVersions() throws IOException {
    create(Map.of());
    appendTransaction("b", 4, 5).commit(engine);
    Snapshot s = latest();
    assertThat(s.getProtocol().getWriterFeatures()).contains("rowTracking", "domainMetadata");
    assertThat(s.getProperties())
        .containsKeys(
            "delta.rowTracking.materializedRowIdColumnName",
            "delta.rowTracking.materializedRowCommitVersionColumnName");
    assertThat(rowIds()).containsExactly("1:0@0", "2:1@0", "3:2@0", "4:3@1", "5:4@1");
    assertThat(s.getDomainMetadata(engine, "delta.rowTracking"))
        .contains("{\"rowIdHighWaterMark\":4}");
    assertThat(commitFile(1))
        .contains("\"tags\":{\"delta.rowTracking.preserved\":\"true\"}")
        .contains("\"baseRowId\":3,\"defaultRowCommitVersion\":1");
  }

  @Test
  void deletionVectorsKeepTheRowIdsOfTheRowsLeft() throws IOException {
    create(Map.of("delta.enableDeletionVectors", "true"));
    deleteId(2);
    assertThat(rowIds()).containsExactly("1:0@0", "3:2@0");
    String remove =
        commitFile(1).lines().filter(l -> l.startsWith("{\"remove\"")).findFirst().orElseThrow();
    assertThat(remove).contains("\"baseRowId\":0").contains("\"defaultRowCommitVersion\":0");
    assertThat(commitFile(1)).doesNotContain("\"domainMetadata\"");
  }

  @Test
  void aCopyOnWriteDeleteKeepsTheCopiedRowsIdsInMaterializedColumns() throws IOException {
    create(Map.of());
    deleteId(2);
    assertThat(rowIds()).containsExactly("1:0@0", "3:2@0");
    assertThat(commitFile(1))
        .contains("\"tags\":{\"delta.rowTracking.preserved\":\"true\"}")
        // the new file has fresh base ids of its own, which its materialized values override
        .contains("\"baseRowId\":3,\"defaultRowCommitVersion\":1");
    assertThat(latest().getDomainMetadata(engine, "delta.rowTracking"))
        .contains("{\"rowIdHighWaterMark\":4}");
    appendTransaction("a", 7).commit(engine);
    assertThat(rowIds()).containsExactly("1:0@0", "3:2@0", "7:5@2");
  }

  @Test
  void optimizeKeepsRowIdsAndCommitVersionsOfEveryRewrittenRow() throws IOException {
    create(Map.of("delta.enableDeletionVectors", "true"));
    appendTransaction("a", 4, 5).commit(engine);
    appendTransaction("a", 6).commit(engine);
    appendTransaction("b", 8, 9).commit(engine);
    deleteId(5); // version 4, a deletion vector on the file of version 1
    List<String> before = rowIds();
    assertThat(before)
        .containsExactly("1:0@0", "2:1@0", "3:2@0", "4:3@1", "6:5@2", "8:6@3", "9:7@3");
    Table t = Table.forPath(engine, table);
    // p=a's three files (one with a deletion vector) become one, base row ids 8 to 12
    assertThat(t.optimize(engine, Optional.empty()).getVersion()).contains(5L);
    assertThat(commitFile(5)).contains("\"tags\":{\"delta.rowTracking.preserved\":\"true\"}");
    assertThat(rowIds()).isEqualTo(before);
    // ordered along a Z-order curve the rows move again, from files that hold materialized ids
    appendTransaction("a", 10).commit(engine);
    assertThat(t.optimize(engine, Optional.empty(), 1L << 27, List.of("id")).getVersion())
        .contains(7L);
    List<String> after = new ArrayList<>(before);
    after.add("10:13@6"); // the append of version 6 got the id above those of version 5's file
    assertThat(rowIds()).isEqualTo(after);
  }

  @Test
  void concurrentAppendsGetDisjointRowIds() {
    create(Map.of());
    Transaction first = appendTransaction("b", 10, 11);
    Transaction second = appendTransaction("c", 20, 21, 22);
    first.commit(engine);
    assertThat(second.commit(engine).getVersion()).isEqualTo(2);
    assertThat(rowIds())
        .containsExactly(
            "1:0@0", "2:1@0", "3:2@0", "10:3@1", "11:4@1", "20:5@2", "21:6@2", "22:7@2");
  }

  @Test
  void refusesFilesWithoutRecordCounts() {
    create(Map.of());
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.addFiles(List.of(AddFile.of("p=a/x.parquet", Map.of("p", "a"), 10, 0, Optional.empty())));
    assertThatThrownBy(() -> t.commit(engine))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot commit p=a/x.parquet to `"
                + latest().getTablePath()
                + "`: the table tracks row ids, which needs each new"
                + " file's record count, and its statistics have no numRecords. Write the file with TransactionState.writeFiles, which"
                + " records it.");
    assertThat(latest().getVersion()).isEqualTo(0);
  }
}
