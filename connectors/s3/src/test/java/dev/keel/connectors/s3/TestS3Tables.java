package dev.keel.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables on S3 through the default engine: writes, deletion vectors, checkpoints and time travel
 * read back exactly as the same operations on local disk; every shared case uploaded to the S3
 * server reads as its expected rows.
 */
class TestS3Tables {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  @TempDir static Path work;
  private static S3ProxyServer server;
  private static DefaultEngine engine;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start(work.resolve("server"));
    server.createBucket("tables");
    server.createBucket("cases");
    engine =
        DefaultEngine.builder().fileSystemOption("keel.s3.endpoint", server.endpoint()).build();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void append(String table, String partition, long... ids) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    String[] rows = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = "{\"id\":" + ids[i] + "}";
    }
    t.write(
        engine,
        Map.of("p", Literal.ofString(partition)),
        TestBatches.owningIterator(engine, DATA, work, rows));
    t.commit(engine);
  }

  /** The same history on any table path; returns the last version. */
  private static long history(String table, Map<String, String> properties) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withPartitionColumns(List.of("p"))
        .withTableProperties(properties)
        .build(engine)
        .commit(engine); // v0
    append(table, "a", 1, 2, 3); // v1
    append(table, "b", 4, 5); // v2
    Transaction delete =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    delete.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(2)));
    delete.commit(engine); // v3: a deletion vector
    Table.forPath(engine, table).checkpoint(engine, 3);
    append(table, "a", 6); // v4
    return 4;
  }

  private static List<String> names(String directory) throws IOException {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        engine.getFileSystemClient().listFrom(directory + "/0")) {
      it.forEachRemaining(f -> out.add(f.getName()));
    }
    return out;
  }

  @Test
  void writesDeletesCheckpointsAndTimeTravelMatchLocalDisk() throws IOException {
    for (String policy : new String[] {"classic", "v2"}) {
      Map<String, String> props =
          Map.of("delta.enableDeletionVectors", "true", "delta.checkpointPolicy", policy);
      String local = work.resolve("local-" + policy).toString();
      String remote = "s3://tables/t-" + policy;
      long last = history(local, props);
      assertThat(history(remote, props)).isEqualTo(last);
      for (long v = 0; v <= last; v++) {
        assertThat(
                TestBatches.canonicalRows(
                    engine, Table.forPath(engine, remote).getSnapshotAsOfVersion(engine, v)))
            .as(policy + " version " + v)
            .isEqualTo(
                TestBatches.canonicalRows(
                    engine, Table.forPath(engine, local).getSnapshotAsOfVersion(engine, v)));
      }
      assertThat(
              TestBatches.canonicalRows(
                  engine, Table.forPath(engine, remote).getLatestSnapshot(engine)))
          .containsExactly(
              "{\"id\":1,\"p\":\"a\"}",
              "{\"id\":3,\"p\":\"a\"}",
              "{\"id\":4,\"p\":\"b\"}",
              "{\"id\":5,\"p\":\"b\"}",
              "{\"id\":6,\"p\":\"a\"}");
      assertThat(names(remote + "/_delta_log"))
          .contains(
              policy.equals("v2")
                  ? "_last_checkpoint"
                  : String.format("%020d.checkpoint.parquet", 3));
      assertThat(names(remote)).anyMatch(n -> n.startsWith("deletion_vector_"));
    }
  }

  @TestFactory
  Stream<DynamicTest> everySharedCaseReadsTheSameFromS3() throws Exception {
    SharedData.requireShared();
    List<ConformanceCase> cases = new ArrayList<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      if (!c.isErrorExpectation()
          && !c.meta.containsKey("rowsUnavailable")
          && Files.exists(c.dir.resolve("expected/rows.jsonl"))
          && !namesLocalFiles(c)) {
        cases.add(c);
      }
    }
    assertThat(cases).hasSizeGreaterThan(180);
    upload(cases);
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name,
                    () -> {
                      List<String> expected = new ArrayList<>();
                      for (String line :
                          Files.readAllLines(
                              c.dir.resolve("expected/rows.jsonl"), StandardCharsets.UTF_8)) {
                        if (!line.isEmpty()) {
                          expected.add(line);
                        }
                      }
                      expected.sort(null);
                      assertThat(
                              TestBatches.canonicalRows(
                                  engine,
                                  Table.forPath(engine, "s3://cases/" + c.name)
                                      .getLatestSnapshot(engine)))
                          .isEqualTo(expected);
                    }));
  }

  /**
   * Whether the case's log names files by absolute local path ({@code /x} or {@code file:/x}): the
   * {@code canonicalized-paths} cases, whose answer holds only on a local file system (on S3,
   * {@code /x} is a key of the table's bucket and {@code file:/x} another file system's file).
   */
  private static boolean namesLocalFiles(ConformanceCase c) throws IOException {
    try (Stream<Path> log = Files.list(c.table().resolve("_delta_log"))) {
      for (Path f : (Iterable<Path>) log.filter(p -> p.toString().endsWith(".json"))::iterator) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (text.contains("\"path\":\"/") || text.contains("\"path\":\"file:")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Uploads each case's {@code table/} to {@code s3://cases/<case name>/}, four files at a time.
   */
  private static void upload(List<ConformanceCase> cases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (ConformanceCase c : cases) {
        try (Stream<Path> files = Files.walk(c.table())) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String key = c.name + "/" + c.table().relativize(f).toString().replace('\\', '/');
            puts.add(
                pool.submit(
                    () -> {
                      try {
                        engine
                            .getFileSystemClient()
                            .write("s3://cases/" + key, Files.readAllBytes(f), false);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
          }
        }
      }
      for (Future<?> p : puts) {
        p.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
