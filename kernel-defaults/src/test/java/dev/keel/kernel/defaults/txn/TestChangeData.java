package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Change data files that deletes write on change-data-feed tables (PROTOCOL.md, "Change Data
 * Files").
 */
class TestChangeData extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("name", DataTypes.STRING, true),
              new StructField("p", DataTypes.STRING, true)));
  private static final StructType DATA = new StructType(SCHEMA.getFields().subList(0, 2));

  private void create(Map<String, String> props) {
    Map<String, String> all = new HashMap<>(props);
    all.put("delta.enableChangeDataFeed", "true");
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .withTableProperties(all)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a b")),
        TestBatches.owningIterator(
            engine,
            DATA,
            dir,
            "{\"id\":1,\"name\":\"x\"}",
            "{\"id\":2,\"name\":\"y\"}",
            "{\"id\":3}"));
    t.write(
        engine,
        Map.of("p", Literal.ofString("c")),
        TestBatches.owningIterator(engine, DATA, dir, "{\"id\":4}", "{\"id\":5}"));
    t.commit(engine);
  }

  private long delete(long... ids) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    dev.keel.kernel.expressions.Predicate any =
        Expressions.equal(Expressions.column("id"), Literal.ofLong(ids[0]));
    for (int k = 1; k < ids.length; k++) {
      any =
          Expressions.or(any, Expressions.equal(Expressions.column("id"), Literal.ofLong(ids[k])));
    }
    long n = t.delete(engine, any);
    t.commit(engine);
    return n;
  }

  /** The cdc actions of a commit. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> cdcActions(long version) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(dir.resolve(String.format("t/_delta_log/%020d.json", version)))) {
      Map<String, Object> action = (Map<String, Object>) Json.parse(line);
      if (action.containsKey("cdc")) {
        out.add((Map<String, Object>) action.get("cdc"));
      }
    }
    return out;
  }

  /** The rows of a change data file, read with {@code schema}, as canonical JSON. */
  private List<String> changeRows(Map<String, Object> cdc, StructType schema) throws IOException {
    String path =
        dir.resolve("t")
            .resolve(java.net.URI.create((String) cdc.get("path")).getPath())
            .toString();
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(engine.getFileSystemClient().getFileStatus(path))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (ColumnarBatch b = it.next().getData()) {
          for (int i = 0; i < b.getSize(); i++) {
            out.add(CanonicalJson.row(b, i));
          }
        }
      }
    }
    assertThat(Files.size(java.nio.file.Path.of(path))).isEqualTo(cdc.get("size"));
    return out;
  }

  private static final StructType CHANGE =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("name", DataTypes.STRING, true),
              new StructField("_change_type", DataTypes.STRING, true)));

  @Test
  void aPartialCopyOnWriteDeleteWritesTheDeletedRowsAsChangeData() throws IOException {
    create(Map.of());
    assertThat(delete(2, 3)).isEqualTo(2);
    List<Map<String, Object>> cdc = cdcActions(1);
    assertThat(cdc).hasSize(1);
    assertThat((String) cdc.get(0).get("path"))
        .startsWith("_change_data/p=a%20b/")
        .endsWith(".parquet");
    assertThat(cdc.get(0))
        .containsEntry("partitionValues", Map.of("p", "a b"))
        .containsEntry("dataChange", false);
    assertThat(changeRows(cdc.get(0), CHANGE))
        .containsExactly(
            "{\"_change_type\":\"delete\",\"id\":2,\"name\":\"y\"}",
            "{\"_change_type\":\"delete\",\"id\":3,\"name\":null}");
    assertThat(
            TestBatches.canonicalRows(
                engine, Table.forPath(engine, table).getLatestSnapshot(engine)))
        .containsExactly(
            "{\"id\":1,\"name\":\"x\",\"p\":\"a b\"}",
            "{\"id\":4,\"name\":null,\"p\":\"c\"}",
            "{\"id\":5,\"name\":null,\"p\":\"c\"}");
  }

  @Test
  void removingAWholeFileNeedsNoChangeData() throws IOException {
    create(Map.of());
    assertThat(delete(4, 5)).isEqualTo(2);
    assertThat(cdcActions(1)).isEmpty();
    assertThat(Files.readString(dir.resolve("t/_delta_log/00000000000000000001.json")))
        .contains("{\"remove\":");
  }

  @Test
  void deletionVectorDeletesWriteChangeDataToo() throws IOException {
    create(Map.of("delta.enableDeletionVectors", "true"));
    assertThat(delete(1)).isEqualTo(1);
    List<Map<String, Object>> cdc = cdcActions(1);
    assertThat(cdc).hasSize(1);
    assertThat(changeRows(cdc.get(0), CHANGE))
        .containsExactly("{\"_change_type\":\"delete\",\"id\":1,\"name\":\"x\"}");
    assertThat(Files.readString(dir.resolve("t/_delta_log/00000000000000000001.json")))
        .contains("\"deletionVector\":{");
    // a second delete in the same file: only the newly deleted row is change data
    assertThat(delete(1, 2)).isEqualTo(1);
    assertThat(changeRows(cdcActions(2).get(0), CHANGE))
        .containsExactly("{\"_change_type\":\"delete\",\"id\":2,\"name\":\"y\"}");
  }

  @Test
  void changeDataUsesPhysicalNamesUnderColumnMapping() throws IOException {
    create(Map.of("delta.columnMapping.mode", "name"));
    assertThat(delete(2)).isEqualTo(1);
    StructType logical = Table.forPath(engine, table).getLatestSnapshot(engine).getSchema();
    String physicalId =
        logical
            .get("id")
            .orElseThrow()
            .getMetadata()
            .getString("delta.columnMapping.physicalName")
            .orElseThrow();
    StructType physical =
        new StructType(
            List.of(
                new StructField(physicalId, DataTypes.LONG, true),
                new StructField("_change_type", DataTypes.STRING, true)));
    List<Map<String, Object>> cdc = cdcActions(1);
    assertThat(changeRows(cdc.get(0), physical))
        .containsExactly("{\"_change_type\":\"delete\",\"" + physicalId + "\":2}");
    String partitionPhysical =
        logical
            .get("p")
            .orElseThrow()
            .getMetadata()
            .getString("delta.columnMapping.physicalName")
            .orElseThrow();
    assertThat(
            ((Map<?, ?>) cdc.get(0).get("partitionValues"))
                .keySet().stream().map(Object::toString).collect(Collectors.toList()))
        .containsExactly(partitionPhysical);
  }
}
