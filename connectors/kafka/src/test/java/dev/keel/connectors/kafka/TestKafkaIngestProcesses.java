package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.kafka.testing.IngestWorker;
import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.connectors.kafka.testing.TestRows;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion workers in their own JVMs against a broker in this one: one killed hard mid-batch and
 * restarted while another shares the partitions (every message exactly once), and a SIGTERM that
 * commits what was buffered.
 */
class TestKafkaIngestProcesses {

  @TempDir static Path dir;
  private static KafkaBroker broker;
  private static DefaultEngine engine;
  private static int workers;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start();
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static String table(String name) {
    String table = "file:" + dir.resolve(name);
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(TestKafkaIngest.SCHEMA)
        .withPartitionColumns(List.of("city"))
        .build(engine)
        .commit(engine);
    return table;
  }

  private static List<String> messages(long from, long to) {
    return TestRows.messages(from, to);
  }

  private Process worker(String topic, String table, long latencyMillis, int batch)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(IngestWorker.class.getName());
    cmd.addAll(
        List.of(
            broker.bootstrapServers(),
            topic,
            table,
            "group-" + topic,
            Long.toString(latencyMillis),
            Integer.toString(batch)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + (++workers) + ".log").toFile())
        .start();
  }

  private static long rows(String table) {
    return Table.forPath(engine, table).getLatestSnapshot(engine).getVersion() == 0
        ? 0
        : TestBatches.canonicalRows(engine, Table.forPath(engine, table).getLatestSnapshot(engine))
            .size();
  }

  private static List<Long> ids(String table) {
    return TestRows.ids(engine, table);
  }

  /** Waits (at most {@code seconds}) until the table holds {@code n} rows or more. */
  private static void awaitRows(String table, long n, int seconds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    for (int i = 0; i < seconds * 4 && System.currentTimeMillis() < deadline; i++) {
      if (rows(table) >= n) {
        return;
      }
      Thread.sleep(250);
    }
    assertThat(rows(table)).as("rows after %d s", seconds).isGreaterThanOrEqualTo(n);
  }

  @Test
  void aWorkerKilledHardMidBatchAndRestartedLosesAndRepeatsNothing() throws Exception {
    String topic = "orders";
    broker.createTopic(topic, 3);
    String table = table(topic);
    int perPartition = 66_667;
    for (int p = 0; p < 3; p++) {
      broker.send(topic, p, messages(p * perPartition, (p + 1) * perPartition));
    }
    long total = 3L * perPartition;
    Process a = worker(topic, table, 1000, 5000);
    Process b = worker(topic, table, 1000, 5000);
    awaitRows(table, 20_000, 120);
    a.destroyForcibly(); // kill -9, in the middle of whatever batch it holds
    assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Process a2 = worker(topic, table, 1000, 5000); // a rebalance again
    awaitRows(table, total, 180);
    b.destroy();
    a2.destroy();
    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(a2.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<Long> ids = ids(table);
    assertThat(ids).hasSize((int) total);
    for (int i = 0; i < total; i++) {
      if (ids.get(i) != i) {
        assertThat(ids.get(i)).as("row %d", i).isEqualTo(i);
      }
    }
    Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
    for (int p = 0; p < 3; p++) {
      assertThat(s.getLatestTransactionVersion(engine, "keel-ingest-" + topic + "-" + p))
          .contains((long) perPartition - 1);
    }
  }

  @Test
  void sigtermCommitsWhatIsBufferedAndExitsCleanly() throws Exception {
    String topic = "clicks";
    broker.createTopic(topic, 3);
    String table = table(topic);
    Process w = worker(topic, table, 600_000, 1_000_000); // only a stop commits
    Path log = dir.resolve("worker-" + workers + ".log");
    for (int i = 0; i < 600 && !Files.readString(log).contains("started"); i++) {
      Thread.sleep(50);
    }
    broker.send(topic, 0, messages(0, 30));
    broker.send(topic, 2, messages(30, 50));
    Thread.sleep(4000); // the worker joins the group and reads them
    assertThat(rows(table)).as("nothing committed before the stop").isZero();
    w.destroy(); // SIGTERM
    assertThat(w.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(w.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("stopped after 50 messages");
    assertThat(ids(table)).hasSize(50).doesNotHaveDuplicates();
  }
}
