package dev.keel.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.connectors.s3.testing.FaultProxy;
import dev.keel.connectors.s3.testing.FaultProxy.Fault;
import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between Keel and the S3 server, injected by a proxy: a commit whose answer is lost, a 503
 * Slow Down, a 409 conditional request conflict, a response cut short, the server stopped in the
 * middle of a commit. Each ends in the right table or a typed error, never a torn table or a commit
 * made twice.
 */
class TestS3Faults {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  @TempDir static Path work;
  private static S3ProxyServer server;
  private static DefaultEngine direct;
  private FaultProxy proxy;
  private static int table;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start(work.resolve("server"));
    server.createBucket("faults");
    direct = engine(server.endpoint(), 8);
  }

  @AfterAll
  static void stop() {
    if (direct != null) {
      direct.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void startProxy() {
    proxy = new FaultProxy(server.port());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private static DefaultEngine engine(String endpoint, int maxAttempts) {
    return DefaultEngine.builder()
        .fileSystemOption("keel.s3.endpoint", endpoint)
        .fileSystemOption("keel.s3.maxAttempts", Integer.toString(maxAttempts))
        .build();
  }

  /** A new table with one row (id 1) at version 1. */
  private static String newTable() {
    String path = "s3://faults/t" + (++table);
    Table.forPath(direct, path)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(direct)
        .commit(direct);
    append(direct, path, 1);
    return path;
  }

  private static long append(DefaultEngine engine, String path, long id) {
    Transaction t =
        Table.forPath(engine, path).createTransactionBuilder("test", Operation.WRITE).build(engine);
    t.write(
        engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, work, "{\"id\":" + id + "}"));
    return t.commit(engine).getVersion();
  }

  private static List<String> rows(String path) {
    return TestBatches.canonicalRows(direct, Table.forPath(direct, path).getLatestSnapshot(direct));
  }

  private static String commitPut(String path, long version) {
    return String.format(
        "PUT /%s/_delta_log/%020d.json ", path.substring("s3://".length()), version);
  }

  @RepeatedTest(3)
  void aCommitWhoseAnswerIsLostIsFoundByReadingItBackAndNotMadeTwice() {
    // with the SDK's retries (a retry gets 412) and without them (Keel reads the object back)
    for (int attempts : new int[] {8, 1}) {
      String path = newTable();
      try (DefaultEngine viaProxy = engine(proxy.endpoint(), attempts)) {
        int before = proxy.fired();
        proxy.arm(Fault.DROP_RESPONSE, commitPut(path, 2), () -> {});
        assertThat(append(viaProxy, path, 2)).isEqualTo(2);
        assertThat(proxy.fired()).isEqualTo(before + 1);
      }
      assertThat(Table.forPath(direct, path).getLatestSnapshot(direct).getVersion()).isEqualTo(2);
      assertThat(rows(path)).containsExactly("{\"id\":1}", "{\"id\":2}");
    }
  }

  @RepeatedTest(3)
  void aSlowDownAndAConditionalRequestConflictAreRetried() {
    for (Fault fault : new Fault[] {Fault.SLOW_DOWN, Fault.CONDITIONAL_CONFLICT}) {
      String path = newTable();
      try (DefaultEngine viaProxy = engine(proxy.endpoint(), 8)) {
        int before = proxy.fired();
        proxy.arm(fault, commitPut(path, 2), () -> {});
        assertThat(append(viaProxy, path, 2)).as(fault.name()).isEqualTo(2);
        assertThat(proxy.fired()).isEqualTo(before + 1);
      }
      assertThat(rows(path)).containsExactly("{\"id\":1}", "{\"id\":2}");
    }
  }

  @RepeatedTest(3)
  void aResponseCutShortIsReadAgain() {
    String path = newTable();
    try (DefaultEngine viaProxy = engine(proxy.endpoint(), 8)) {
      proxy.arm(
          Fault.TRUNCATE_BODY, "GET /" + path.substring("s3://".length()) + "/part-", () -> {});
      assertThat(
              TestBatches.canonicalRows(
                  viaProxy, Table.forPath(viaProxy, path).getLatestSnapshot(viaProxy)))
          .containsExactly("{\"id\":1}");
      assertThat(proxy.fired()).isEqualTo(1);
    }
  }

  @RepeatedTest(3)
  void aCommitFileCutShortIsReadToItsEnd() {
    String path = newTable();
    try (DefaultEngine viaProxy = engine(proxy.endpoint(), 8)) {
      // the body of commit 1 (the append) ends five bytes in: the rest is read with a range
      proxy.arm(
          Fault.TRUNCATE_BODY,
          String.format("GET /%s/_delta_log/%020d.json", path.substring("s3://".length()), 1),
          () -> {});
      assertThat(
              TestBatches.canonicalRows(
                  viaProxy, Table.forPath(viaProxy, path).getLatestSnapshot(viaProxy)))
          .containsExactly("{\"id\":1}");
      assertThat(proxy.fired()).isEqualTo(1);
    }
  }

  @RepeatedTest(3)
  void theServerStoppedInTheMiddleOfACommitLeavesAWholeTable() {
    String path = newTable();
    List<String> errors = new ArrayList<>();
    try (DefaultEngine viaProxy = engine(proxy.endpoint(), 2)) {
      proxy.arm(Fault.DROP_RESPONSE, commitPut(path, 2), server::kill);
      assertThatThrownBy(() -> append(viaProxy, path, 2))
          .isInstanceOf(KernelException.class)
          .satisfies(e -> errors.add(e.getMessage()));
    } finally {
      server.restart();
    }
    assertThat(errors.get(0))
        .contains(
            "The outcome of writing "
                + path
                + String.format("/_delta_log/%020d.json is unknown", 2));
    // the commit reached the server before it stopped: it is there, whole, and only once
    assertThat(Table.forPath(direct, path).getLatestSnapshot(direct).getVersion()).isEqualTo(2);
    assertThat(rows(path)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(append(direct, path, 3)).isEqualTo(3);
  }
}
