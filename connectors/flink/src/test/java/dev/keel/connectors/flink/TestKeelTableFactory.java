package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.ReferenceKernel;
import dev.keel.kernel.defaults.testing.TestBatches;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL on {@code 'connector' = 'keel'} in a mini cluster: {@code CREATE TABLE}, {@code INSERT
 * INTO ... SELECT} creating a partitioned table, {@code SELECT} with a filter pushed into Keel, and
 * the errors of declarations that do not match the table.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TestKeelTableFactory {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.create();

  @TempDir Path dir;

  private static StreamTableEnvironment tableEnv() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(100);
    return StreamTableEnvironment.create(env);
  }

  @Test
  void createsInsertsAndSelectsWithAFilterPushedIntoKeel() throws Exception {
    String path = dir.resolve("events").toString();
    StreamTableEnvironment t = tableEnv();
    t.executeSql(
        "CREATE TABLE events (id BIGINT, kind STRING, amount DECIMAL(10, 2), dt DATE)"
            + " PARTITIONED BY (kind)"
            + " WITH ('connector' = 'keel', 'path' = '"
            + path
            + "', 'delta.appendOnly' = 'true')");
    t.executeSql(
            "INSERT INTO events SELECT CAST(n AS BIGINT), k, CAST(n AS DECIMAL(10, 2)) / 4,"
                + " DATE '2024-01-01' + CAST(n AS INT) * INTERVAL '1' DAY FROM (VALUES"
                + " (1, 'a'), (2, 'b'), (3, 'a'), (4, 'c'), (5, 'b'), (6, 'a'), (7, CAST(NULL AS"
                + " STRING))) AS v(n, k)")
        .await(2, TimeUnit.MINUTES);

    try (DefaultEngine engine = DefaultEngine.create()) {
      Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
      assertThat(snapshot.getPartitionColumns()).containsExactly("kind");
      assertThat(snapshot.getMetadata().getConfiguration())
          .containsEntry("delta.appendOnly", "true");
      List<String> keel = TestBatches.canonicalRows(engine, snapshot);
      keel.sort(null);
      assertThat(keel).hasSize(7).isEqualTo(ReferenceKernel.rows(path));
    }

    String query = "SELECT id, amount FROM events WHERE id >= 3 AND kind = 'a'";
    assertThat(t.explainSql(query))
        // both conjuncts accepted by Keel: no Flink filter (Calc) is left above the scan
        .contains("filter=[and(>=(id, 3), =(kind, _UTF-16LE'a'")
        .contains("project=[id, amount]")
        .doesNotContain("Calc(");
    assertThat(FlinkSql.collect(t, query)).containsExactly("+I[3, 0.75]", "+I[6, 1.50]");
    // a filter Keel cannot evaluate stays with Flink; rows are still right
    assertThat(
            FlinkSql.collect(t, "SELECT id FROM events WHERE MOD(id, 2) = 0 AND kind IS NOT NULL"))
        .containsExactly("+I[2]", "+I[4]", "+I[6]");
    assertThat(FlinkSql.collect(t, "SELECT id, kind FROM events WHERE kind IS NULL"))
        .containsExactly("+I[7, null]");

    // a second INSERT appends
    t.executeSql("INSERT INTO events VALUES (8, 'c', 2.00, DATE '2024-02-01')")
        .await(2, TimeUnit.MINUTES);
    assertThat(FlinkSql.collect(t, "SELECT id FROM events WHERE kind = 'c'"))
        .containsExactly("+I[4]", "+I[8]");
  }

  @Test
  void refusesDeclarationsThatDoNotMatchTheTable() throws Exception {
    String path = dir.resolve("t").toString();
    StreamTableEnvironment t = tableEnv();
    t.executeSql(
        "CREATE TABLE t (id BIGINT, s STRING) WITH ('connector' = 'keel', 'path' = '"
            + path
            + "')");
    t.executeSql("INSERT INTO t VALUES (1, 'x')").await(2, TimeUnit.MINUTES);

    t.executeSql(
        "CREATE TABLE wrong_type (id INT, s STRING) WITH ('connector' = 'keel', 'path' = '"
            + path
            + "')");
    assertThatThrownBy(() -> t.executeSql("SELECT * FROM wrong_type"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Column id of default_catalog.default_database.wrong_type is declared INT but the"
                + " Delta table's column is BIGINT; declare it so");

    t.executeSql(
        "CREATE TABLE wrong_option (id BIGINT) WITH ('connector' = 'keel', 'path' = '"
            + path
            + "', 'scan.mode' = 'sometimes')");
    assertThatThrownBy(() -> t.executeSql("SELECT * FROM wrong_option"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Unable to create a source for reading table")
        .rootCause()
        .hasMessage("'scan.mode' is 'bounded' or 'continuous', not 'sometimes'");

    t.executeSql(
        "CREATE TABLE wrong_shape (id BIGINT, other STRING) WITH ('connector' = 'keel', 'path' ="
            + " '"
            + path
            + "')");
    assertThatThrownBy(() -> t.executeSql("INSERT INTO wrong_shape VALUES (1, 'y')"))
        .isInstanceOf(dev.keel.kernel.exceptions.InvalidSchemaException.class)
        .hasMessage(
            "Cannot write rows of struct<id:long,other:string> to the table at "
                + path
                + ", whose columns are struct<id:long,s:string>; give rows with the table's"
                + " column names, order and types");
  }
}
