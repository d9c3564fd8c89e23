package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers in one group ingest into an S3 table (an S3 API server on a loopback port): their
 * commits race through conditional writes, with no lock service, and every message lands once.
 */
class TestKafkaIngestToS3 {
  @TempDir Path dir;

  @Test
  void twoWorkersIngestIntoAnS3TableExactlyOnce() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start();
        S3ProxyServer s3 = S3ProxyServer.start(dir);
        DefaultEngine engine =
            DefaultEngine.builder().fileSystemOption("keel.s3.endpoint", s3.endpoint()).build()) {
      s3.createBucket("lake");
      String table = "s3://lake/events";
      Table.forPath(engine, table)
          .createTransactionBuilder("test", Operation.CREATE_TABLE)
          .withSchema(TestKafkaIngest.SCHEMA)
          .withPartitionColumns(List.of("city"))
          .build(engine)
          .commit(engine);
      broker.createTopic("events", 3);
      for (int p = 0; p < 3; p++) {
        List<String> messages = new ArrayList<>();
        for (int i = p * 1000; i < p * 1000 + 1000; i++) {
          messages.add("{\"id\":" + i + ",\"city\":\"c" + (i % 4) + "\"}");
        }
        broker.send("events", p, messages);
      }
      // different groups: both own every partition, so their commits collide on S3
      IngestOptions a =
          IngestOptions.of("events", table, broker.bootstrapServers())
              .withGroupId("a")
              .withBatchLimits(Duration.ofSeconds(60), 250, 128L << 20)
              .withEndAtLatestOffsets(true);
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<KafkaIngest> workers =
          List.of(
              new KafkaIngest(engine, a, line -> {}),
              new KafkaIngest(engine, a.withGroupId("b"), line -> {}));
      List<Thread> threads = new ArrayList<>();
      for (KafkaIngest w : workers) {
        Thread th =
            new Thread(
                () -> {
                  try (w) {
                    w.run();
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                });
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join(180_000);
      }
      assertThat(errors).isEmpty();
      Snapshot s = Table.forPath(engine, table).getLatestSnapshot(engine);
      List<String> rows = TestBatches.canonicalRows(engine, s);
      assertThat(rows).hasSize(3000).doesNotHaveDuplicates();
      for (int p = 0; p < 3; p++) {
        assertThat(s.getLatestTransactionVersion(engine, a.appId() + "-" + p)).contains(999L);
      }
    }
  }
}
