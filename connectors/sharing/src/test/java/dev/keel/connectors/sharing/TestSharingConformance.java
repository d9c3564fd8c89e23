package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.kernel.Changes;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.utils.CloseableIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shared case served by the sharing server and read back as a recipient reads it: the files
 * of a query downloaded through their URLs into a local log ({@link RecipientTable}) and read with
 * Keel, compared with Spark's answers; in the {@code delta} format always, in the {@code parquet}
 * format where the table can be shared without its log (else refused with 400). Time-travel
 * versions through {@code version}, and every change data range through the changes endpoint
 * against {@code cdf_<S>_<E>.jsonl}. A case Keel refuses is refused by the server with Keel's
 * reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSharingConformance {
  private SharingTestServer server;
  private SharingClient delta;
  private SharingClient parquet;
  private final Map<String, ConformanceCase> byTable = new LinkedHashMap<>();
  private final AtomicInteger matched = new AtomicInteger();
  private final AtomicInteger parquetMatched = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger missingFiles = new AtomicInteger();
  private final AtomicInteger changeRanges = new AtomicInteger();
  @TempDir Path temp;

  @BeforeAll
  void start() {
    Map<String, Path> tables = new LinkedHashMap<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      String name = c.name.replace('/', '.');
      byTable.put(name, c);
      tables.put(name, c.table());
    }
    server = SharingTestServer.sharing(tables, "accessLog: false\nrequestsPerSecond: 0\n");
    delta = server.client();
    parquet = server.client().withCapabilities(null);
  }

  @AfterAll
  void stop() {
    System.out.printf(
        "Sharing conformance: %d cases read as Spark answers through the delta format (%d also"
            + " through parquet), %d refused with Keel's reason, %d listed whose data files are gone, %d change ranges%n",
        matched.get(), parquetMatched.get(), refused.get(), missingFiles.get(), changeRanges.get());
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCase() {
    assertThat(byTable).hasSizeGreaterThan(200);
    List<DynamicTest> tests = new ArrayList<>();
    byTable.forEach((name, c) -> tests.add(DynamicTest.dynamicTest(c.name, () -> check(name, c))));
    return tests.stream();
  }

  private static String path(String table) {
    return "/shares/share/schemas/schema/tables/" + table;
  }

  private void check(String table, ConformanceCase c) throws Exception {
    String planningError = keelError(c, false);
    if (planningError != null) {
      SharingClient.Response r = delta.post(path(table) + "/query", "{}");
      if (planningError.startsWith("No Delta table at ")) {
        assertThat(r.status()).as(c.name + ": " + r.body()).isEqualTo(404);
        assertThat(r.json().path("errorCode").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
      } else {
        String kind =
            planningError.contains("`")
                ? planningError.substring(0, planningError.indexOf('`'))
                : planningError;
        if (r.status() == 200) {
          // found while the files were streamed: the end line carries the error
          List<JsonNode> lines = r.lines();
          JsonNode end = lines.get(lines.size() - 1).path("endStreamAction");
          assertThat(end.path("errorMessage").asText()).as(c.name).startsWith(kind);
        } else {
          assertThat(r.status()).as(c.name + ": " + r.body()).isBetween(400, 599);
          assertThat(r.json().path("message").asText()).as(c.name).startsWith(kind);
        }
      }
      refused.incrementAndGet();
      return;
    }
    if (keelError(c, true) != null) {
      // the log lists files that are gone: the listing is served, the download says so
      SharingClient.Response r = delta.post(path(table) + "/query", "{}");
      assertThat(r.status()).as(c.name + ": " + r.body()).isEqualTo(200);
      assertThatThrownBy(() -> read(r, "missing")).as(c.name).hasMessageContaining("answered 404");
      missingFiles.incrementAndGet();
      return;
    }
    Snapshot latest =
        Table.forPath(server.engine, c.table().toString()).getLatestSnapshot(server.engine);
    List<String> expected =
        c.name.equals("kernel-rs/type-widening")
            ? TestBatches.canonicalRows(server.engine, latest)
            : c.expectedLatestRows().orElse(null);

    SharingClient.Response answer = delta.readTable(path(table), "{}");
    assertThat(answer.status()).as(c.name + ": " + answer.body()).isEqualTo(200);
    assertThat(answer.header("Delta-Table-Version")).contains(Long.toString(latest.getVersion()));
    if (expected != null) {
      ConformanceCase.compareRows(c.name + " (delta format)", read(answer, "d"), expected);
    }

    SharingClient.Response plain = parquet.post(path(table) + "/query", "{}");
    boolean needsDelta =
        latest.getProtocol().getReaderFeatures().contains("deletionVectors")
            || !latest
                .getProperties()
                .getOrDefault("delta.columnMapping.mode", "none")
                .equals("none");
    if (needsDelta) {
      assertThat(plain.status()).as(c.name + ": " + plain.body()).isEqualTo(400);
      assertThat(plain.json().path("message").asText()).contains("responseformat=delta");
    } else {
      assertThat(plain.status()).as(c.name + ": " + plain.body()).isEqualTo(200);
      if (expected != null) {
        ConformanceCase.compareRows(c.name + " (parquet format)", read(plain, "p"), expected);
        parquetMatched.incrementAndGet();
      }
    }

    for (long v : c.timeTravelVersions()) {
      Path file = c.dir.resolve("expected/rows_v" + v + ".jsonl");
      if (Files.exists(file)) {
        SharingClient.Response r = delta.post(path(table) + "/query", "{\"version\":" + v + "}");
        assertThat(r.status()).as(c.name + "@v" + v + ": " + r.body()).isEqualTo(200);
        ConformanceCase.compareRows(
            c.name + "@v" + v, read(r, "v" + v), ConformanceCase.expectedLines(file));
      }
    }
    for (long[] range : c.cdfRanges()) {
      String expectedFile = "cdf_" + range[0] + "_" + range[1] + ".jsonl";
      SharingClient.Response r =
          delta.get(
              path(table) + "/changes?startingVersion=" + range[0] + "&endingVersion=" + range[1]);
      assertThat(r.status()).as(c.name + " changes: " + r.body()).isEqualTo(200);
      assertThat(r.header("Delta-Table-Version")).contains(Long.toString(range[0]));
      Path local =
          RecipientTable.fromChanges(
              delta, r.lines(), range[0], range[1], Files.createTempDirectory(temp, "cdf"));
      ConformanceCase.compareRows(
          c.name + " changes " + range[0] + ".." + range[1],
          changes(local, range[0], range[1]),
          ConformanceCase.expectedLines(c.dir.resolve("expected").resolve(expectedFile)));
      changeRanges.incrementAndGet();
    }
    for (String range : c.cdfErrors().keySet()) {
      String[] b = range.split("\\.\\.");
      SharingClient.Response r =
          delta.get(path(table) + "/changes?startingVersion=" + b[0] + "&endingVersion=" + b[1]);
      assertThat(r.status()).as(c.name + " changes " + range + ": " + r.body()).isEqualTo(400);
    }
    matched.incrementAndGet();
  }

  private List<String> read(SharingClient.Response r, String tag) throws Exception {
    Path local = RecipientTable.fromQuery(delta, r.lines(), Files.createTempDirectory(temp, tag));
    return TestBatches.canonicalRows(
        server.engine,
        Table.forPath(server.engine, local.toString()).getLatestSnapshot(server.engine));
  }

  private List<String> changes(Path table, long start, long end) {
    Changes changes =
        Table.forPath(server.engine, table.toString())
            .getChanges()
            .fromVersion(start)
            .toVersion(end)
            .build(server.engine);
    return TestBatches.canonicalChangeRows(changes.readData(server.engine));
  }

  /**
   * Keel's message when Keel itself cannot plan the table's listing (or, with {@code read}, read
   * its rows), else null.
   */
  private String keelError(ConformanceCase c, boolean read) {
    try {
      Snapshot s =
          Table.forPath(server.engine, c.table().toString()).getLatestSnapshot(server.engine);
      if (read) {
        TestBatches.canonicalRows(server.engine, s);
      } else {
        try (CloseableIterator<FilteredColumnarBatch> files =
            s.getScanBuilder().build().getScanFiles(server.engine)) {
          while (files.hasNext()) {
            files.next().close();
          }
        }
      }
      return null;
    } catch (KernelException e) {
      String m = e.getMessage();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }
}
