package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case of {@code shared/cases} read through {@link KeelSource} in a Flink mini cluster
 * (parallelism 2) at the latest version and each time-travel version, rows compared with Spark's
 * answers in the canonical format; a case Keel refuses must fail with Keel's message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestFlinkConformance {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.create();

  private final AtomicInteger matched = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private DefaultEngine engine;

  @BeforeAll
  void start() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  void stop() {
    System.out.printf(
        "Flink conformance: %d cases read as Spark (or Keel) answers, %d refused with Keel's"
            + " message%n",
        matched.get(), refused.get());
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    List<ConformanceCase> cases = ConformanceCase.all();
    assertThat(cases).hasSizeGreaterThan(200);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
  }

  private void check(ConformanceCase c) throws Exception {
    Table keel = Table.forPath(engine, c.table().toString());
    String keelError = keelError(keel);
    if (keelError != null) {
      String kind = firstLine(keelError);
      if (kind.contains("`")) {
        kind = kind.substring(0, kind.indexOf('`'));
      }
      String expected = kind;
      assertThatThrownBy(() -> read(KeelSource.forTable(c.table().toString()).build()))
          .as(c.name)
          .hasStackTraceContaining(expected);
      refused.incrementAndGet();
      return;
    }
    Snapshot latest = keel.getLatestSnapshot(engine);
    List<String> actual =
        read(KeelSource.forTable(c.table().toString()).build(), latest.getSchema());
    if (c.name.equals("kernel-rs/type-widening")) {
      // no Spark answer (neither reference reads it): compared with Keel's own read
      ConformanceCase.compareRows(c.name, actual, TestBatches.canonicalRows(engine, latest));
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
            read(KeelSource.forTable(c.table().toString()).versionAsOf(v).build(), schema),
            ConformanceCase.expectedLines(file));
      }
    }
    matched.incrementAndGet();
  }

  /** Runs a bounded job over the source and collects its rows. */
  private static List<RowData> read(KeelSource source) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<RowData> out = new ArrayList<>();
    try (CloseableIterator<RowData> it =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "keel").executeAndCollect()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<String> read(KeelSource source, StructType schema) throws Exception {
    List<String> out = new ArrayList<>();
    for (RowData row : read(source)) {
      out.add(FlinkCanonical.row(row, schema));
    }
    return out;
  }

  /** Keel's message when Keel itself cannot load or read the table, else null. */
  private String keelError(Table table) {
    try {
      TestBatches.canonicalRows(engine, table.getLatestSnapshot(engine));
      return null;
    } catch (KernelException e) {
      return e.getMessage();
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
