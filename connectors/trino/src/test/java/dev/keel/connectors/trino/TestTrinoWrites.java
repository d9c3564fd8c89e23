package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import io.trino.testing.DistributedQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes through Trino (a coordinator and two workers): {@code CREATE TABLE}, {@code INSERT},
 * partitioned {@code CREATE TABLE AS}, racing inserts; every table read back through Trino and
 * through Keel itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestTrinoWrites {
  private Path root;
  private DefaultEngine engine;
  private DistributedQueryRunner trino;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    root = dir;
    Files.createDirectories(root.resolve("w"));
    engine = DefaultEngine.create();
    Files.createDirectories(root.resolve("elsewhere"));
    trino =
        KeelQueryRunner.create(
            Map.of(
                "keel.root",
                root.toString(),
                "keel.table.named.kept",
                root.resolve("elsewhere/kept").toString()));
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

  private List<Object> column(String sql) {
    return KeelQueryRunner.column(trino, sql);
  }

  private List<String> keelRows(String table) {
    Snapshot s =
        Table.forPath(engine, root.resolve("w").resolve(table).toString())
            .getLatestSnapshot(engine);
    return TestBatches.canonicalRows(engine, s);
  }

  @Test
  void createsInsertsAndReadsBackEveryType() {
    trino.execute(
        "CREATE TABLE keel.w.typed (id bigint, name varchar, flag boolean, small smallint,"
            + " tiny tinyint, r real, d double, amount decimal(10, 2), big decimal(30, 4),"
            + " day date, ts timestamp(6) with time zone, ntz timestamp(6), bytes varbinary,"
            + " tags array(varchar), attrs map(varchar, integer), pt row(x integer, y varchar))");
    trino.execute(
        "INSERT INTO keel.w.typed VALUES (1, 'one', true, SMALLINT '2', TINYINT '3', REAL '1.5',"
            + " 2.25, 12.34, DECIMAL '12345678901234567890.1234', DATE '2024-02-29',"
            + " TIMESTAMP '2024-01-02 03:04:05.123456 UTC', TIMESTAMP '2024-01-02 03:04:05.654321',"
            + " X'DEADBEEF', ARRAY['a', NULL], MAP(ARRAY['k'], ARRAY[7]), ROW(5, 'five')),"
            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL)");
    assertThat(keelRows("typed"))
        .containsExactlyInAnyOrder(
            "{\"amount\":\"12.34\",\"attrs\":[[\"k\",7]],\"big\":\"12345678901234567890.1234\","
                + "\"bytes\":\"3q2+7w==\",\"d\":2.25,\"day\":\"2024-02-29\",\"flag\":true,\"id\":1,"
                + "\"name\":\"one\",\"ntz\":\"2024-01-02T03:04:05.654321\",\"pt\":{\"x\":5,\"y\":\"five\"},"
                + "\"r\":1.5,\"small\":2,\"tags\":[\"a\",null],\"tiny\":3,"
                + "\"ts\":\"2024-01-02T03:04:05.123456Z\"}",
            "{\"amount\":null,\"attrs\":null,\"big\":null,\"bytes\":null,\"d\":null,\"day\":null,"
                + "\"flag\":null,\"id\":2,\"name\":null,\"ntz\":null,\"pt\":null,\"r\":null,"
                + "\"small\":null,\"tags\":null,\"tiny\":null,\"ts\":null}");
    assertThat(
            column(
                "SELECT CAST(ts AS varchar) || ' ' || CAST(ntz AS varchar) FROM keel.w.typed"
                    + " WHERE id = 1"))
        .containsExactly("2024-01-02 03:04:05.123456 UTC 2024-01-02 03:04:05.654321");
  }

  @Test
  void createsPartitionedTablesFromQueries() {
    trino.execute(
        "CREATE TABLE keel.w.nations WITH (partitioned_by = ARRAY['region']) AS"
            + " SELECT nationkey, name, regionkey AS region FROM tpch.tiny.nation");
    assertThat(column("SELECT count(*) FROM keel.w.nations")).containsExactly(25L);
    assertThat(column("SELECT name FROM keel.w.nations WHERE region = 0 ORDER BY name"))
        .containsExactly("ALGERIA", "ETHIOPIA", "KENYA", "MOROCCO", "MOZAMBIQUE");
    assertThat(keelRows("nations"))
        .hasSize(25)
        .contains("{\"name\":\"KENYA\",\"nationkey\":14,\"region\":0}");
    assertThat(Files.isDirectory(root.resolve("w/nations/region=0"))).isTrue();
  }

  @Test
  void racingInsertsBothLand() throws Exception {
    trino.execute("CREATE TABLE keel.w.orders (orderkey bigint, custkey bigint, status varchar)");
    String insert =
        "INSERT INTO keel.w.orders SELECT orderkey, custkey, orderstatus FROM tpch.tiny.orders";
    CompletableFuture<?> first = CompletableFuture.runAsync(() -> trino.execute(insert));
    CompletableFuture<?> second = CompletableFuture.runAsync(() -> trino.execute(insert));
    CompletableFuture.allOf(first, second).get(120, TimeUnit.SECONDS);
    assertThat(column("SELECT count(*) FROM keel.w.orders")).containsExactly(30_000L);
    assertThat(column("SELECT count(DISTINCT orderkey) FROM keel.w.orders"))
        .containsExactly(15_000L);
    assertThat(keelRows("orders")).hasSize(30_000);
  }

  @Test
  void deletesWithDeletionVectorsUpdatesAndMerges() throws Exception {
    Table.forPath(engine, root.resolve("w/dv").toString())
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(
            new StructType(
                List.of(
                    new StructField("id", DataTypes.LONG, true),
                    new StructField("name", DataTypes.STRING, true))))
        .withTableProperties(Map.of("delta.enableDeletionVectors", "true"))
        .build(engine)
        .commit(engine);
    trino.execute(
        "INSERT INTO keel.w.dv VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5,"
            + " 'five')");
    long parquet = files(root.resolve("w/dv"), ".parquet");
    trino.execute("DELETE FROM keel.w.dv WHERE id IN (2, 4)");
    assertThat(files(root.resolve("w/dv"), ".parquet")).as("no file rewritten").isEqualTo(parquet);
    assertThat(files(root.resolve("w/dv"), ".bin")).as("a deletion vector").isEqualTo(1);
    assertThat(keelRows("dv"))
        .containsExactlyInAnyOrder(
            "{\"id\":1,\"name\":\"one\"}",
            "{\"id\":3,\"name\":\"three\"}",
            "{\"id\":5,\"name\":\"five\"}");
    trino.execute("UPDATE keel.w.dv SET name = upper(name) WHERE id >= 3");
    trino.execute(
        "MERGE INTO keel.w.dv t USING (VALUES (1, 'uno'), (6, 'six')) AS s(id, name) ON t.id ="
            + " s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT"
            + " VALUES (s.id, s.name)");
    assertThat(keelRows("dv"))
        .containsExactlyInAnyOrder(
            "{\"id\":1,\"name\":\"uno\"}",
            "{\"id\":3,\"name\":\"THREE\"}",
            "{\"id\":5,\"name\":\"FIVE\"}",
            "{\"id\":6,\"name\":\"six\"}");
    assertThat(column("SELECT name FROM keel.w.dv ORDER BY id"))
        .containsExactly("uno", "THREE", "FIVE", "six");
    assertThat(
            Table.forPath(engine, root.resolve("w/dv").toString()).getHistory(engine, 2, 4).stream()
                .map(c -> c.getOperation().orElse(""))
                .toList())
        .as("newest first")
        .containsExactly("MERGE", "MERGE", "DELETE");
  }

  @Test
  void deletesByRewritingWithoutDeletionVectors() throws Exception {
    trino.execute("CREATE TABLE keel.w.plain AS SELECT nationkey, name FROM tpch.tiny.nation");
    trino.execute("DELETE FROM keel.w.plain WHERE nationkey < 20");
    assertThat(files(root.resolve("w/plain"), ".bin")).isZero();
    assertThat(column("SELECT nationkey FROM keel.w.plain ORDER BY 1"))
        .containsExactly(20L, 21L, 22L, 23L, 24L);
    assertThat(keelRows("plain")).hasSize(5);
  }

  private static long files(Path dir, String suffix) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains("_delta_log"))
          .count();
    }
  }

  @Test
  void referenceKernelReadsWhatTrinoWrote() throws Exception {
    trino.execute(
        "CREATE TABLE keel.w.interop WITH (partitioned_by = ARRAY['region']) AS SELECT nationkey,"
            + " name, CAST(acctbal AS decimal(12, 2)) AS balance, regionkey AS region,"
            + " ARRAY[name] AS names, MAP(ARRAY['k'], ARRAY[nationkey]) AS m,"
            + " CAST(ROW(nationkey, name) AS row(k bigint, n varchar)) AS r,"
            + " from_unixtime(nationkey) AS ts, DATE '2024-01-01' + nationkey * INTERVAL '1' DAY"
            + " AS day FROM tpch.tiny.nation n JOIN (SELECT 0 AS acctbal) ON true");
    trino.execute("DELETE FROM keel.w.interop WHERE nationkey % 3 = 0");
    List<String> keel = keelRows("interop");
    assertThat(keel).hasSize(16);
    assertThat(referenceRows(root.resolve("w/interop"))).isEqualTo(keel.stream().sorted().toList());
  }

  /** The rows Delta Kernel Java 4.4.0 reads, in a Java 17 child JVM (its Hadoop needs one). */
  private static List<String> referenceRows(Path table) throws Exception {
    Process p =
        new ProcessBuilder(
                System.getProperty("keel.reference.java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.keel.kernel.defaults.testing.ReferenceKernel",
                table.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> rows;
    try (java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      rows = out.lines().toList();
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the reference reader finished").isTrue();
    assertThat(p.exitValue()).as("the reference reader's exit code").isZero();
    return rows;
  }

  @Test
  void refusesWhatItCannotCreate() {
    trino.execute("CREATE TABLE keel.w.once (id bigint)");
    assertThatThrownBy(() -> trino.execute("CREATE TABLE keel.w.once (id bigint)"))
        .hasMessageContaining("Table 'keel.w.once' already exists");
    assertThatThrownBy(
            () ->
                trino.execute(
                    "CREATE TABLE keel.w.other (id bigint) WITH (location = '"
                        + root.resolve("w/once")
                        + "')"))
        .hasMessageContaining(
            "Table w.other already exists: there is a Delta table at file:"
                + root.resolve("w/once"));
    trino.execute("CREATE TABLE IF NOT EXISTS keel.w.once (id bigint)");
    assertThatThrownBy(
            () ->
                trino.execute(
                    "CREATE TABLE keel.w.bad (id bigint) WITH (partitioned_by = ARRAY['nope'])"))
        .hasMessageContaining("Partition column nope is not a column of the table: [id]");
    assertThatThrownBy(() -> trino.execute("CREATE TABLE keel.nowhere.t (id bigint)"))
        .hasMessageContaining(
            "Cannot choose where to create nowhere.t: the catalog has no directory of schema"
                + " nowhere under keel.root. Give the table a location: WITH (location = '...')");
    trino.execute("CREATE SCHEMA keel.fresh");
    trino.execute("CREATE TABLE keel.fresh.t AS SELECT 1 AS one");
    assertThat(column("SELECT one FROM keel.fresh.t")).containsExactly(1);
    assertThat(Files.isDirectory(root.resolve("fresh/t/_delta_log"))).isTrue();
  }

  private Map<String, String> configuration(String table) {
    return Table.forPath(engine, root.resolve("w").resolve(table).toString())
        .getLatestSnapshot(engine)
        .getMetadata()
        .getConfiguration();
  }

  @Test
  void setsDeltaTablePropertiesOnCreateAndAlter() {
    trino.execute(
        "CREATE TABLE keel.w.props (id bigint, s varchar) WITH (deletion_vectors_enabled = true,"
            + " column_mapping_mode = 'NAME', checkpoint_interval = 5,"
            + " extra_properties = MAP(ARRAY['delta.logRetentionDuration'], ARRAY['interval 7 days']))");
    assertThat(configuration("props"))
        .containsEntry("delta.enableDeletionVectors", "true")
        .containsEntry("delta.columnMapping.mode", "name")
        .containsEntry("delta.checkpointInterval", "5")
        .containsEntry("delta.logRetentionDuration", "interval 7 days");
    trino.execute("INSERT INTO keel.w.props VALUES (1, 'a'), (2, 'b')");
    trino.execute("ALTER TABLE keel.w.props SET PROPERTIES change_data_feed_enabled = true");
    assertThat(configuration("props")).containsEntry("delta.enableChangeDataFeed", "true");
    String ddl = (String) column("SHOW CREATE TABLE keel.w.props").get(0);
    assertThat(ddl)
        .contains("change_data_feed_enabled = true")
        .contains("checkpoint_interval = 5")
        .contains("column_mapping_mode = 'name'")
        .contains("deletion_vectors_enabled = true");
    assertThat(
            column(
                "SELECT value FROM keel.w.\"props$properties\" WHERE key ="
                    + " 'delta.logRetentionDuration'"))
        .containsExactly("interval 7 days");
    trino.execute("DELETE FROM keel.w.props WHERE id = 1");
    assertThat(column("SELECT s FROM keel.w.props")).containsExactly("b");
    assertThat(
            column(
                "SELECT count(*) FROM keel.w.\"props$history\" WHERE operation = 'SET TBLPROPERTIES'"))
        .containsExactly(1L);
    assertThatThrownBy(
            () ->
                trino.execute(
                    "ALTER TABLE keel.w.props SET PROPERTIES partitioned_by = ARRAY['s']"))
        .hasMessageContaining(
            "The partitioned_by of a Delta table is fixed when the table is created");
    assertThatThrownBy(
            () ->
                trino.execute(
                    "CREATE TABLE keel.w.badmode (id bigint) WITH (column_mapping_mode = 'names')"))
        .hasMessageContaining("column_mapping_mode must be none, name or id, not names");
    assertThatThrownBy(
            () ->
                trino.execute(
                    "CREATE TABLE keel.w.twice (id bigint) WITH (extra_properties ="
                        + " MAP(ARRAY['delta.appendOnly'], ARRAY['true']))"))
        .hasMessageContaining(
            "Set delta.appendOnly with its own table property, not in extra_properties");
  }

  @Test
  void dropsTablesUnderTheRootAndRefusesConfiguredOnes() {
    trino.execute("CREATE TABLE keel.w.gone AS SELECT 1 AS one");
    assertThat(column("SELECT one FROM keel.w.gone")).containsExactly(1);
    trino.execute("DROP TABLE keel.w.gone");
    assertThat(Files.exists(root.resolve("w/gone"))).isFalse();
    assertThat(column("SHOW TABLES FROM keel.w")).doesNotContain("gone");
    assertThatThrownBy(() -> trino.execute("SELECT * FROM keel.w.gone"))
        .hasMessageContaining("Table 'keel.w.gone' does not exist");
    // a new table of the same name starts from version 0, not from the dropped one's snapshot
    trino.execute("CREATE TABLE keel.w.gone AS SELECT 'again' AS s");
    assertThat(column("SELECT s FROM keel.w.gone")).containsExactly("again");
    assertThat(column("SELECT max(version) FROM keel.w.\"gone$history\"")).containsExactly(0L);

    Table.forPath(engine, root.resolve("elsewhere/kept").toString())
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(new StructType(List.of(new StructField("id", DataTypes.LONG, true))))
        .build(engine)
        .commit(engine);
    assertThatThrownBy(() -> trino.execute("DROP TABLE keel.named.kept"))
        .hasMessageContaining(
            "Cannot drop named.kept: the catalog names it in keel.table.named.kept; remove that"
                + " property (and the table's files, if they should go)");
    assertThat(Files.isDirectory(root.resolve("elsewhere/kept/_delta_log"))).isTrue();
  }
}
