package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CREATE CATALOG ... WITH ('type' = 'keel')}: the Delta tables under a directory appear with
 * the columns and partition columns read from them; {@code CREATE TABLE} makes a Delta table that
 * {@code INSERT INTO} fills; what the catalog does not do is refused with a reason.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TestKeelCatalog {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.create();

  private static final StructType EVENTS =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("kind", DataTypes.STRING, true),
              new StructField("ts", DataTypes.TIMESTAMP, true)));

  @TempDir Path root;

  private void writeEvents() {
    String path = root.resolve("events").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      Transaction t =
          Table.forPath(engine, path)
              .createTransactionBuilder("test", Operation.CREATE_TABLE)
              .withSchema(EVENTS)
              .withPartitionColumns(List.of("kind"))
              .build(engine);
      t.writeRows(
          engine,
          TestBatches.owningIterator(
              engine,
              EVENTS,
              root,
              "{\"id\":1,\"kind\":\"a\",\"ts\":\"2024-01-01T00:00:00.000001Z\"}",
              "{\"id\":2,\"kind\":\"b\",\"ts\":null}",
              "{\"id\":3,\"kind\":\"a\",\"ts\":\"2024-01-03T00:00:00Z\"}"));
      t.commit(engine);
    }
  }

  @Test
  void tablesComeWithTheirColumnsAndNewOnesAreCreatedAndFilled() throws Exception {
    writeEvents();
    Files.createDirectories(root.resolve("not-a-table"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(100);
    StreamTableEnvironment t = StreamTableEnvironment.create(env);
    t.executeSql("CREATE CATALOG lake WITH ('type' = 'keel', 'root' = '" + root + "')");
    t.executeSql("USE CATALOG lake");

    assertThat(FlinkSql.collect(t, "SHOW TABLES")).containsExactly("+I[events]");
    assertThat(t.from("events").getResolvedSchema().toString())
        .isEqualTo("(\n  `id` BIGINT NOT NULL,\n  `kind` STRING,\n  `ts` TIMESTAMP_LTZ(6)\n)");
    assertThat(FlinkSql.collect(t, "SELECT id, kind, ts FROM events WHERE id > 1"))
        .containsExactly("+I[2, b, null]", "+I[3, a, 2024-01-03T00:00:00Z]");

    t.executeSql(
        "CREATE TABLE copy (id BIGINT, kind STRING) PARTITIONED BY (kind)"
            + " WITH ('delta.appendOnly' = 'true')");
    t.executeSql("INSERT INTO copy SELECT id, kind FROM events").await(2, TimeUnit.MINUTES);
    try (DefaultEngine engine = DefaultEngine.create()) {
      Snapshot copy =
          Table.forPath(engine, root.resolve("copy").toString()).getLatestSnapshot(engine);
      assertThat(copy.getPartitionColumns()).containsExactly("kind");
      assertThat(copy.getMetadata().getConfiguration()).containsEntry("delta.appendOnly", "true");
      List<String> rows = TestBatches.canonicalRows(engine, copy);
      rows.sort(null);
      assertThat(rows)
          .containsExactly(
              "{\"id\":1,\"kind\":\"a\"}",
              "{\"id\":2,\"kind\":\"b\"}",
              "{\"id\":3,\"kind\":\"a\"}");
    }
    assertThat(FlinkSql.collect(t, "SHOW TABLES")).containsExactly("+I[copy]", "+I[events]");
  }

  @Test
  void refusesWhatItDoesNotDoWithTheReason() {
    StreamTableEnvironment t =
        StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
    t.executeSql("CREATE CATALOG lake WITH ('type' = 'keel', 'root' = '" + root + "')");
    t.executeSql("USE CATALOG lake");
    writeEvents();
    assertThatThrownBy(() -> t.executeSql("DROP TABLE events"))
        .rootCause()
        .hasMessage(
            "Keel's catalog does not support DROP TABLE: its data stays; remove the directory "
                + root
                + "/events");
    assertThatThrownBy(() -> t.executeSql("CREATE DATABASE other"))
        .rootCause()
        .hasMessage(
            "Keel's catalog lake has one database, default, whose tables are the Delta tables"
                + " under "
                + root);
    assertThatThrownBy(() -> t.executeSql("CREATE TABLE bad (id INT) WITH ('path' = '/elsewhere')"))
        .rootCause()
        .hasMessage(
            "A table of Keel's catalog takes only delta.* options (table properties), not"
                + " 'path'");
    assertThatThrownBy(() -> t.executeSql("SELECT * FROM missing"))
        .hasMessageContaining("Object 'missing' not found");
  }
}
