package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every case of {@code shared/cases} through SQL in a real Trino (a coordinator and two workers):
 * {@code SELECT *} at the latest version and at each time-travel version ({@code FOR VERSION AS
 * OF}), rows compared with Spark's answers in the canonical format; a case Keel refuses must fail
 * in Trino with Keel's message. {@code kernel-rs/type-widening} has no Spark answer (neither
 * reference reads it): its rows are compared with Keel's own read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestTrinoConformance {
  private final Map<String, String> sqlNames = new HashMap<>();
  private final AtomicInteger matched = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> partial = java.util.Collections.synchronizedList(new ArrayList<>());
  private DistributedQueryRunner trino;
  private DefaultEngine engine;
  private List<ConformanceCase> cases;

  @BeforeAll
  void start() throws Exception {
    cases = ConformanceCase.all();
    Map<String, String> catalog = new HashMap<>();
    for (ConformanceCase c : cases) {
      String[] parts = c.name.split("/", 2);
      String sql = sqlName(parts[0]) + "." + sqlName(parts[1]);
      assertThat(sqlNames.containsValue(sql)).as("two cases named " + sql).isFalse();
      sqlNames.put(c.name, sql);
      catalog.put(KeelConfig.TABLE_PREFIX + sql, c.table().toString());
    }
    trino = KeelQueryRunner.create(catalog);
    // Keel read directly on the connector's file access, so that its messages are the same
    engine =
        DefaultEngine.builder()
            .fileSystemClient(new TrinoFileSystemClient(new LocalFileSystem(Path.of("/"))))
            .build();
  }

  @AfterAll
  void stop() {
    System.out.println(
        String.format(
            "Trino conformance: %d cases read as Spark (or Keel) answers, %d refused with Keel's"
                + " message, of %d",
            matched.get(), refused.get(), cases.size()));
    System.out.println("Compared without columns Trino's client cannot decode: " + partial);
    if (trino != null) {
      trino.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static String sqlName(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
  }

  @Test
  void everyCaseIsCounted() {
    assertThat(cases).hasSizeGreaterThan(200);
  }

  private void check(ConformanceCase c) {
    String table = "\"" + sqlNames.get(c.name).replace(".", "\".\"") + "\"";
    Table keel = Table.forPath(engine, c.table().toString());
    String keelError = keelError(keel);
    if (keelError != null) {
      // the kind of failure must be Keel's; which missing file fails first depends on the splits
      String kind = firstLine(keelError);
      if (kind.contains("`")) {
        kind = kind.substring(0, kind.indexOf('`') + 1) + "file:" + c.table();
      }
      assertThatThrownBy(() -> trino.execute("SELECT * FROM " + table))
          .as(c.name)
          .hasMessageContaining(kind);
      refused.incrementAndGet();
      return;
    }
    Snapshot latest = keel.getLatestSnapshot(engine);
    List<StructField> undecodable = new ArrayList<>();
    for (StructField f : latest.getSchema().getFields()) {
      if (hasComplexMapKey(f.getDataType())) {
        undecodable.add(f);
      }
    }
    if (!undecodable.isEmpty()) {
      // Trino's client cannot decode a map whose keys are arrays or structs (its JSON decoder
      // reads them as base64): those columns are left out, the others compared with Keel's read
      List<StructField> rest = new ArrayList<>(latest.getSchema().getFields());
      rest.removeAll(undecodable);
      StructType schema = new StructType(rest);
      List<String> names = new ArrayList<>();
      rest.forEach(f -> names.add("\"" + f.getName() + "\""));
      List<String> actual = new ArrayList<>();
      for (MaterializedRow row :
          trino
              .execute("SELECT " + String.join(", ", names) + " FROM " + table)
              .getMaterializedRows()) {
        actual.add(TrinoCanonical.row(row, schema));
      }
      ConformanceCase.compareRows(
          c.name, actual, keelRows(latest.getScanBuilder().withReadSchema(schema)));
      partial.add(c.name + " without " + undecodable.stream().map(StructField::getName).toList());
      return;
    }
    List<String> actual = select(table, "", latest.getSchema());
    if (c.name.equals("kernel-rs/type-widening")) {
      ConformanceCase.compareRows(c.name, actual, keelRows(latest));
    } else {
      c.expectedLatestRows()
          .ifPresent(expected -> ConformanceCase.compareRows(c.name, actual, expected));
    }
    for (long v : c.timeTravelVersions()) {
      Path file = c.dir.resolve("expected/rows_v" + v + ".jsonl");
      if (Files.exists(file)) {
        StructType schema = keel.getSnapshotAsOfVersion(engine, v).getSchema();
        ConformanceCase.compareRows(
            c.name + "@v" + v,
            select(table, " FOR VERSION AS OF " + v, schema),
            ConformanceCase.expectedLines(file));
      }
    }
    matched.incrementAndGet();
  }

  private List<String> select(String table, String version, StructType schema) {
    List<String> out = new ArrayList<>();
    for (MaterializedRow row :
        trino.execute("SELECT * FROM " + table + version).getMaterializedRows()) {
      out.add(TrinoCanonical.row(row, schema));
    }
    return out;
  }

  /** Keel's message when Keel itself cannot load or read the table, else null. */
  private String keelError(Table table) {
    try {
      keelRows(table.getLatestSnapshot(engine));
      return null;
    } catch (KernelException e) {
      return e.getMessage();
    }
  }

  private List<String> keelRows(Snapshot snapshot) {
    return TestBatches.canonicalRows(engine, snapshot);
  }

  private List<String> keelRows(ScanBuilder scan) {
    return TestBatches.canonicalRows(scan.build().readData(engine));
  }

  private static boolean hasComplexMapKey(DataType t) {
    if (t instanceof MapType m) {
      return m.getKeyType() instanceof StructType
          || m.getKeyType() instanceof ArrayType
          || m.getKeyType() instanceof MapType
          || hasComplexMapKey(m.getValueType());
    } else if (t instanceof ArrayType a) {
      return hasComplexMapKey(a.getElementType());
    } else if (t instanceof StructType st) {
      return st.getFields().stream().anyMatch(f -> hasComplexMapKey(f.getDataType()));
    }
    return false;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
