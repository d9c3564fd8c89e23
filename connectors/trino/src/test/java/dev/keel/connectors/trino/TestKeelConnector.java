package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code keel} catalog in a real Trino (a coordinator and two workers) over a root directory of
 * tables Keel wrote: schemas and tables found from directories, partitions, deletion vectors,
 * full-precision timestamps, time travel by version and timestamp, limits, and errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestKeelConnector {
  private static final StructType ID_P =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));
  private static final StructType TYPES =
      new StructType(
          List.of(
              new StructField("Id", DataTypes.INTEGER, true),
              new StructField("ts", DataTypes.TIMESTAMP, true),
              new StructField("ntz", DataTypes.TIMESTAMP_NTZ, true),
              new StructField("amount", DecimalType.of(20, 3), true),
              new StructField(
                  "tags", new dev.keel.kernel.types.ArrayType(DataTypes.STRING, true), true)));

  private Path root;
  private DefaultEngine engine;
  private DistributedQueryRunner trino;
  private String parts;
  private long beforeDeleteMillis;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    root = dir;
    engine = DefaultEngine.create();
    parts = root.resolve("s/parts").toString();
    create(parts, ID_P, List.of("p"), Map.of("delta.enableDeletionVectors", "true"));
    write(parts, ID_P, "{\"id\":1,\"p\":\"a\"}", "{\"id\":2,\"p\":\"a\"}");
    write(parts, ID_P, "{\"id\":3,\"p\":\"b\"}", "{\"id\":4,\"p\":\"b\"}");
    write(parts, ID_P, "{\"id\":5,\"p\":\"c\"}");
    beforeDeleteMillis = Table.forPath(engine, parts).getLatestSnapshot(engine).getTimestamp();
    Thread.sleep(5);
    Transaction delete =
        Table.forPath(engine, parts)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    delete.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(2)));
    delete.commit(engine);
    String types = root.resolve("s/types").toString();
    create(types, TYPES, List.of(), Map.of());
    write(
        types,
        TYPES,
        "{\"Id\":1,\"ts\":\"2024-01-02T03:04:05.123456Z\",\"ntz\":\"2024-01-02T03:04:05.654321\","
            + "\"amount\":\"12345678901234567.891\",\"tags\":[\"x\",null]}",
        "{\"Id\":2}");
    String cdf = root.resolve("s/cdf").toString();
    create(cdf, ID_P, List.of(), Map.of("delta.enableChangeDataFeed", "true"));
    write(cdf, ID_P, "{\"id\":1,\"p\":\"x\"}", "{\"id\":2,\"p\":\"y\"}");
    Transaction change =
        Table.forPath(engine, cdf).createTransactionBuilder("test", Operation.DELETE).build(engine);
    change.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1)));
    change.commit(engine);
    writeBigTable(root.resolve("s/big").toString());
    Files.createDirectories(root.resolve("s/not_a_table"));
    trino =
        KeelQueryRunner.create(Map.of("keel.root", root.toString(), "keel.max-split-size", "8kB"));
  }

  @AfterAll
  void stop() {
    if (trino != null) {
      trino.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private void create(
      String path, StructType schema, List<String> partitions, Map<String, String> props) {
    Table.forPath(engine, path)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(schema)
        .withPartitionColumns(partitions)
        .withTableProperties(props)
        .build(engine)
        .commit(engine);
  }

  /** 20,000 rows in one file of small row groups (about 40 kB), the first ten deleted by a DV. */
  private void writeBigTable(String path) {
    try (DefaultEngine small =
        DefaultEngine.builder().parquetRowGroupSize(4096).batchSize(32_768).build()) {
      Table.forPath(small, path)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(ID_P)
          .withTableProperties(Map.of("delta.enableDeletionVectors", "true"))
          .build(small)
          .commit(small);
      String[] rows = new String[20_000];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = "{\"id\":" + i + ",\"p\":\"row " + i + "\"}";
      }
      Transaction t =
          Table.forPath(small, path).createTransactionBuilder("test", Operation.WRITE).build(small);
      t.writeRows(small, TestBatches.owningIterator(small, ID_P, root, rows));
      t.commit(small);
      Transaction delete =
          Table.forPath(small, path)
              .createTransactionBuilder("test", Operation.DELETE)
              .build(small);
      delete.delete(small, Expressions.lessThan(Expressions.column("id"), Literal.ofLong(10)));
      delete.commit(small);
    }
  }

  private void write(String path, StructType schema, String... rows) {
    Transaction t =
        Table.forPath(engine, path).createTransactionBuilder("test", Operation.WRITE).build(engine);
    t.writeRows(engine, TestBatches.owningIterator(engine, schema, root, rows));
    t.commit(engine);
  }

  private List<Object> column(String sql) {
    return KeelQueryRunner.column(trino, sql);
  }

  @Test
  void schemasAndTablesAreDirectories() {
    assertThat(column("SHOW SCHEMAS FROM keel")).contains("s");
    assertThat(column("SHOW TABLES FROM keel.s"))
        .containsExactlyInAnyOrder("parts", "types", "cdf", "big");
  }

  @Test
  void readsPartitionsWithDeletionVectorsApplied() {
    assertThat(column("SELECT id FROM keel.s.parts ORDER BY id")).containsExactly(1L, 3L, 4L, 5L);
    assertThat(column("SELECT p FROM keel.s.parts WHERE id = 5")).containsExactly("c");
    assertThat(column("SELECT count(*) FROM keel.s.parts")).containsExactly(4L);
    assertThat(column("SELECT count(*) FROM keel.s.parts WHERE p = 'a'")).containsExactly(1L);
  }

  @Test
  void travelsInTimeByVersionAndTimestamp() {
    assertThat(column("SELECT id FROM keel.s.parts FOR VERSION AS OF 3 ORDER BY id"))
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(column("SELECT count(*) FROM keel.s.parts FOR VERSION AS OF 1")).containsExactly(2L);
    String at =
        Instant.ofEpochMilli(beforeDeleteMillis).toString().replace('T', ' ').replace("Z", "");
    assertThat(
            column(
                "SELECT count(*) FROM keel.s.parts FOR TIMESTAMP AS OF TIMESTAMP '" + at + " UTC'"))
        .containsExactly(5L);
    assertThatThrownBy(() -> trino.execute("SELECT * FROM keel.s.parts FOR VERSION AS OF 9"))
        .hasMessageContaining("version 9");
  }

  @Test
  void keepsMicrosecondsAndFullDecimals() {
    MaterializedResult r =
        trino.execute(
            "SELECT CAST(ts AS varchar), CAST(ntz AS varchar), CAST(amount AS varchar), tags,"
                + " typeof(ts), typeof(ntz) FROM keel.s.types WHERE id = 1");
    assertThat(r.getMaterializedRows().get(0).getFields())
        .containsExactly(
            "2024-01-02 03:04:05.123456 UTC",
            "2024-01-02 03:04:05.654321",
            "12345678901234567.891",
            java.util.Arrays.asList("x", null),
            "timestamp(6) with time zone",
            "timestamp(6)");
    assertThat(column("SELECT \"id\" FROM keel.s.types WHERE ts IS NULL")).containsExactly(2);
  }

  @Test
  void prunesPartitionsAndSkipsFilesByStatistics() {
    // 4 live rows in 3 files of partitions a, b, c
    assertThat(inputPositions("SELECT id FROM keel.s.parts")).isEqualTo(4);
    assertThat(inputPositions("SELECT id FROM keel.s.parts WHERE p = 'b'")).isEqualTo(2);
    assertThat(inputPositions("SELECT id FROM keel.s.parts WHERE p IN ('a', 'c')")).isEqualTo(2);
    assertThat(inputPositions("SELECT id FROM keel.s.parts WHERE id >= 4")).isEqualTo(3);
    assertThat(inputPositions("SELECT id FROM keel.s.parts WHERE id > 5")).isEqualTo(0);
    assertThat(column("SELECT id FROM keel.s.parts WHERE id >= 4 ORDER BY id"))
        .containsExactly(4L, 5L);
    assertThat(column("SELECT id FROM keel.s.parts WHERE p > 'a' ORDER BY id"))
        .containsExactly(3L, 4L, 5L);
    assertThat(column("SELECT id FROM keel.s.parts WHERE p IS NULL")).isEmpty();
    assertThat(
            column(
                "SELECT amount FROM keel.s.types WHERE ts = TIMESTAMP '2024-01-02 03:04:05.123456 UTC'"))
        .containsExactly(new java.math.BigDecimal("12345678901234567.891"));
  }

  /** The rows the table scan read (physical input positions). */
  private long inputPositions(String sql) {
    return queryStats(sql).getPhysicalInputPositions();
  }

  /** The statistics of a query run to its end. */
  private io.trino.execution.QueryStats queryStats(String sql) {
    io.trino.testing.QueryRunner.MaterializedResultWithPlan result =
        trino.executeWithPlan(trino.getDefaultSession(), sql);
    return trino
        .getCoordinator()
        .getQueryManager()
        .getFullQueryInfo(result.queryId())
        .getQueryStats();
  }

  @Test
  void showsHistoryPropertiesAndFiles() {
    assertThat(
            trino
                .execute("SELECT version, operation FROM keel.s.\"parts$history\" ORDER BY version")
                .getMaterializedRows()
                .stream()
                .map(MaterializedRow::getFields)
                .toList())
        .containsExactly(
            List.of(0L, "CREATE TABLE"),
            List.of(1L, "WRITE"),
            List.of(2L, "WRITE"),
            List.of(3L, "WRITE"),
            List.of(4L, "DELETE"));
    assertThat(
            column(
                "SELECT key || '=' || value FROM keel.s.\"parts$properties\""
                    + " WHERE key LIKE '%eletion%'"))
        .containsExactlyInAnyOrder(
            "delta.enableDeletionVectors=true", "delta.feature.deletionVectors=supported");
    assertThat(
            trino
                .execute(
                    "SELECT partition_values, record_count, deleted_rows FROM"
                        + " keel.s.\"parts$files\" ORDER BY partition_values")
                .getMaterializedRows()
                .stream()
                .map(MaterializedRow::getFields)
                .toList())
        .containsExactly(
            java.util.Arrays.asList("{\"p\":\"a\"}", 2L, 1L),
            java.util.Arrays.asList("{\"p\":\"b\"}", 2L, null),
            java.util.Arrays.asList("{\"p\":\"c\"}", 1L, null));
    assertThatThrownBy(() -> trino.execute("SELECT * FROM keel.s.\"parts$nope\""))
        .hasMessageContaining("Table 'keel.s.\"parts$nope\"' does not exist");
  }

  @Test
  void givesTheOptimizerStatisticsFromTheFiles() {
    // column_name, data_size, distinct_values_count, nulls_fraction, row_count, low, high
    List<List<Object>> stats =
        trino.execute("SHOW STATS FOR keel.s.parts").getMaterializedRows().stream()
            .map(MaterializedRow::getFields)
            .toList();
    assertThat(stats)
        .containsExactly(
            java.util.Arrays.asList("id", null, null, 0.0, null, "1", "5"),
            java.util.Arrays.asList("p", null, 3.0, 0.0, null, null, null),
            java.util.Arrays.asList(null, null, null, null, 4.0, null, null));
    // after pruning: the files of partition b only
    assertThat(
            trino
                .execute("SHOW STATS FOR (SELECT * FROM keel.s.parts WHERE p = 'b')")
                .getMaterializedRows()
                .get(2)
                .getField(4))
        .isEqualTo(2.0);
  }

  @Test
  void readsTheChangeDataFeedAsATableFunction() {
    String changes =
        "SELECT id, p, _change_type, _commit_version FROM TABLE(keel.system.table_changes("
            + "schema_name => 's', table_name => 'cdf'%s)) ORDER BY _commit_version, id";
    assertThat(
            trino.execute(String.format(changes, "")).getMaterializedRows().stream()
                .map(MaterializedRow::getFields)
                .toList())
        .containsExactly(
            List.of(1L, "x", "insert", 1L),
            List.of(2L, "y", "insert", 1L),
            List.of(1L, "x", "delete", 2L));
    assertThat(
            trino
                .execute(String.format(changes, ", since_version => 1"))
                .getMaterializedRows()
                .stream()
                .map(MaterializedRow::getFields)
                .toList())
        .containsExactly(List.of(1L, "x", "delete", 2L));
    assertThat(trino.execute(String.format(changes, ", since_version => 2")).getRowCount())
        .isZero();
    assertThatThrownBy(
            () ->
                trino.execute(
                    "SELECT * FROM TABLE(keel.system.table_changes(schema_name => 's',"
                        + " table_name => 'nope'))"))
        .hasMessageContaining("Table s.nope does not exist");
  }

  @Test
  void readsLargeFilesInPartsOnSeveralWorkers() {
    assertThat(
            trino
                .execute("SELECT count(*), count(DISTINCT id), sum(id) FROM keel.s.big")
                .getMaterializedRows()
                .get(0)
                .getFields())
        .containsExactly(19_990L, 19_990L, 19_999L * 20_000 / 2 - 45);
    assertThat(tableScanSplits("SELECT max(id) FROM keel.s.big"))
        .as("the one file is read in parts")
        .isGreaterThan(2);
    assertThat(column("SELECT count(*) FROM keel.s.\"big$files\"")).containsExactly(1L);
  }

  /** How many splits the query's table scan read. */
  private long tableScanSplits(String sql) {
    return queryStats(sql).getOperatorSummaries().stream()
        .filter(o -> o.getOperatorType().equals("TableScanOperator"))
        .mapToLong(o -> o.getTotalDrivers())
        .sum();
  }

  @Test
  void limitsRows() {
    assertThat(trino.execute("SELECT * FROM keel.s.parts LIMIT 2").getRowCount()).isEqualTo(2);
  }

  @Test
  void unknownTablesAndBadCatalogsSayWhy() {
    assertThatThrownBy(() -> trino.execute("SELECT * FROM keel.s.nope"))
        .hasMessageContaining("Table 'keel.s.nope' does not exist");
    assertThatThrownBy(() -> trino.execute("SELECT * FROM keel.s.not_a_table"))
        .hasMessageContaining("Table 'keel.s.not_a_table' does not exist");
    assertThatThrownBy(() -> KeelConfig.parse(Map.of("keel.roots", "/x")))
        .hasMessage(
            "Unknown property keel.roots of a keel catalog: Keel's properties are keel.root,"
                + " keel.table.<schema>.<table>, keel.snapshot-cache-entries and"
                + " keel.max-split-size");
    assertThatThrownBy(() -> KeelConfig.parse(Map.of()))
        .hasMessage("A keel catalog needs keel.root or at least one keel.table.<schema>.<table>");
    assertThatThrownBy(() -> KeelConfig.parse(Map.of("keel.table.x", "/x")))
        .hasMessage("Property keel.table.x must be named keel.table.<schema>.<table>");
  }
}
