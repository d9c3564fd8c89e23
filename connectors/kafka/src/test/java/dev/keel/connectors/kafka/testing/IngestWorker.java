package dev.keel.connectors.kafka.testing;

import dev.keel.connectors.kafka.IngestOptions;
import dev.keel.connectors.kafka.KafkaIngest;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An ingestion worker in its own JVM, for tests that kill one hard or stop one with SIGTERM:
 * arguments {@code bootstrapServers topic table groupId latencyMillis maxMessagesPerBatch}. On
 * SIGTERM it commits what it buffered and exits 0, as {@code keel ingest} does.
 */
public final class IngestWorker {
  private IngestWorker() {}

  public static void main(String[] args) throws Exception {
    IngestOptions options =
        IngestOptions.of(args[1], args[2], args[0])
            .withGroupId(args[3])
            .withBatchLimits(
                Duration.ofMillis(Long.parseLong(args[4])), Integer.parseInt(args[5]), 128L << 20)
            // a worker killed hard leaves the group after 6 s, not the default 45
            .withKafkaProperty("session.timeout.ms", "6000")
            .withKafkaProperty("heartbeat.interval.ms", "1000");
    CountDownLatch done = new CountDownLatch(1);
    try (DefaultEngine engine = DefaultEngine.create();
        KafkaIngest ingest = new KafkaIngest(engine, options, System.out::println)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    ingest.stop();
                    try {
                      if (done.await(60, TimeUnit.SECONDS)) {
                        Runtime.getRuntime().halt(0); // flushed: a clean exit, not 143
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      System.out.println("started");
      try {
        ingest.run();
      } finally {
        System.out.println("stopped after " + ingest.metrics().messages() + " messages");
        System.out.flush();
        done.countDown();
      }
    }
  }
}
