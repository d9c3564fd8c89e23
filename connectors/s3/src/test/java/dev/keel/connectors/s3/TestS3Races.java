package dev.keel.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.defaults.txn.AppendWorker;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.File;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers racing for the commits of one S3 table: 8 threads of this JVM and another JVM append 200
 * one-row commits in all, and the conditional writes give every version exactly one winner; a
 * writer killed at a random moment of its commits leaves every version whole.
 */
class TestS3Races {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
  private static final int THREADS = 8;
  private static final int PER_THREAD = 15;
  private static final int OTHER_JVM = 80;

  @TempDir static Path work;
  private static S3ProxyServer server;
  private static DefaultEngine engine;
  private static int round;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start(work.resolve("server"));
    server.createBucket("race");
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

  /** The other JVM: {@link AppendWorker} on the S3 table, configured by system properties. */
  private static Process otherJvm(String table, Path scratch, int count) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Dkeel.s3.endpoint=" + server.endpoint());
    cmd.add("-Daws.accessKeyId=" + S3ProxyServer.ACCESS_KEY);
    cmd.add("-Daws.secretAccessKey=" + S3ProxyServer.SECRET_KEY);
    cmd.add("-Daws.region=us-east-1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AppendWorker.class.getName());
    cmd.add(table);
    cmd.add("99");
    cmd.add(Integer.toString(count));
    cmd.add(Files.createDirectories(scratch).toString());
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("worker-" + round + ".log").toFile())
        .start();
  }

  @RepeatedTest(3)
  void everyVersionHasOneWinnerAndNoAppendIsLostOrDuplicated() throws Exception {
    String table = "s3://race/t" + (++round);
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    Process other = otherJvm(table, work.resolve("scratch-other-" + round), OTHER_JVM);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Long> expected = new ArrayList<>();
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        int writer = w;
        Path scratch = Files.createDirectories(work.resolve("scratch-" + round + "-" + w));
        for (int k = 0; k < PER_THREAD; k++) {
          expected.add(writer * 1_000_000L + k);
        }
        writers.add(
            pool.submit(
                () -> {
                  for (int k = 0; k < PER_THREAD; k++) {
                    Transaction t =
                        Table.forPath(engine, table)
                            .createTransactionBuilder("thread-" + writer, Operation.WRITE)
                            .build(engine);
                    t.write(
                        engine,
                        Map.of(),
                        TestBatches.owningIterator(
                            engine, SCHEMA, scratch, "{\"id\":" + (writer * 1_000_000L + k) + "}"));
                    t.commit(engine);
                  }
                  return null;
                }));
      }
      for (Future<?> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(other.waitFor(5, TimeUnit.MINUTES)).as("the other JVM finished").isTrue();
    assertThat(other.exitValue())
        .as(Files.readString(work.resolve("worker-" + round + ".log")))
        .isZero();
    for (int k = 0; k < OTHER_JVM; k++) {
      expected.add(99 * 1_000_000L + k);
    }
    int commits = THREADS * PER_THREAD + OTHER_JVM;
    assertOneAppendPerVersion(table, commits);
    List<String> rows =
        TestBatches.canonicalRows(engine, Table.forPath(engine, table).getLatestSnapshot(engine));
    List<String> wanted = new ArrayList<>();
    for (long id : expected) {
      wanted.add("{\"id\":" + id + "}");
    }
    wanted.sort(null);
    assertThat(rows).isEqualTo(wanted);
  }

  /** Versions 1 to {@code commits} each add one file, and there is no later version. */
  private static void assertOneAppendPerVersion(String table, long commits) throws Exception {
    assertThat(Table.forPath(engine, table).getLatestSnapshot(engine).getVersion())
        .isEqualTo(commits);
    for (long v = 1; v <= commits; v++) {
      String path = String.format("%s/_delta_log/%020d.json", table, v);
      try (InputStream in = engine.getFileSystemClient().open(path)) {
        long adds =
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("{\"add\""))
                .count();
        assertThat(adds).as("adds in version %d", v).isEqualTo(1);
      }
    }
    assertThat(
            TestBatches.canonicalRows(
                engine, Table.forPath(engine, table).getLatestSnapshot(engine)))
        .hasSize((int) commits)
        .doesNotHaveDuplicates();
  }

  @RepeatedTest(3)
  void aWriterKilledWhileCommittingLeavesEveryVersionWhole() throws Exception {
    String table = "s3://race/killed" + (++round);
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .build(engine)
        .commit(engine);
    Process writer = otherJvm(table, work.resolve("scratch-killed-" + round), -1);
    Path log = work.resolve("worker-" + round + ".log");
    for (int i = 0;
        i < 1200 && !(Files.exists(log) && Files.readString(log).contains("committed"));
        i++) {
      assertThat(writer.isAlive()).as("the writer runs").isTrue();
      Thread.sleep(50);
    }
    assertThat(Files.readString(log)).contains("committed");
    Thread.sleep(new java.util.Random().nextInt(300)); // somewhere in a commit, or between two
    writer.destroyForcibly();
    assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
    long version = Table.forPath(engine, table).getLatestSnapshot(engine).getVersion();
    assertThat(version).isPositive();
    assertOneAppendPerVersion(table, version);
    // the table stays writable after the kill
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, work, "{\"id\":-1}"));
    assertThat(t.commit(engine).getVersion()).isEqualTo(version + 1);
  }
}
