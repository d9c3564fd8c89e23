package dev.keel.benchmarks.ingest;

import dev.keel.connectors.kafka.IngestOptions;
import dev.keel.connectors.kafka.IngestReport;
import dev.keel.connectors.kafka.KafkaIngest;
import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain benchmark (not JMH: it starts a broker): end-to-end latency at a steady rate. A producer
 * in this JVM sends the messages of {@link KafkaIngestThroughput} at {@code rate} messages per
 * second (a slice every 10 ms, round-robin over 3 partitions) for {@code seconds}, while one {@code
 * KafkaIngest} worker commits them with the given allowed latency; each commit's report gives the
 * time from its oldest and newest message's producer timestamp to the end of the commit. Commits in
 * the first {@code warmup} seconds are left out of the figures.
 *
 * <pre>
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   dev.keel.benchmarks.ingest.KafkaIngestLatency [rate] [seconds] [allowed-latency-ms] [warmup]
 * </pre>
 */
public final class KafkaIngestLatency {
  private KafkaIngestLatency() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long allowedMillis = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path dir = Files.createTempDirectory("keel-ingest-latency");
    List<Map<String, Long>> reports = new CopyOnWriteArrayList<>();
    List<Long> reportedAt = new CopyOnWriteArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start();
        DefaultEngine engine =
            DefaultEngine.builder()
                .addMetricsReporter(
                    r -> {
                      if (r.getOperation().equals(IngestReport.OPERATION)) {
                        reports.add(r.getMetrics());
                        reportedAt.add(System.nanoTime());
                      }
                    })
                .build()) {
      broker.createTopic("steady", 3);
      String table = KafkaIngestThroughput.createTable(engine, dir.resolve("t"));
      IngestOptions options =
          IngestOptions.of("steady", table, broker.bootstrapServers())
              .withBatchLimits(Duration.ofMillis(allowedMillis), 1_000_000, 512L << 20)
              .withKafkaProperty("max.poll.records", "10000");
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long produced;
      long start = System.nanoTime();
      try (KafkaIngest ingest = new KafkaIngest(engine, options, line -> {})) {
        Thread worker =
            new Thread(
                () -> {
                  try {
                    ingest.run();
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                },
                "ingest");
        worker.start();
        produced = produce(broker.bootstrapServers(), rate, seconds);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ingest.metrics().messages() < produced
            && failure.get() == null
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        ingest.stop();
        worker.join(Duration.ofSeconds(60).toMillis());
        if (failure.get() != null) {
          throw new IllegalStateException("ingestion failed", failure.get());
        }
        if (ingest.metrics().messages() != produced) {
          throw new IllegalStateException(
              "ingested " + ingest.metrics().messages() + " of " + produced + " messages");
        }
      }
      List<Long> worst = new ArrayList<>();
      List<Long> best = new ArrayList<>();
      long counted = 0;
      for (int i = 0; i < reports.size(); i++) {
        if (reportedAt.get(i) - start >= Duration.ofSeconds(warmup).toNanos()) {
          worst.add(reports.get(i).get("latencyMaxMillis"));
          best.add(reports.get(i).get("latencyMinMillis"));
          counted += reports.get(i).get("messages");
        }
      }
      worst.sort(null);
      best.sort(null);
      System.out.printf(
          "%,d messages at %,d/s for %d s, allowed latency %,d ms: %d commits, %d after the"
              + " %d s warm-up (%,d messages);%n  oldest message of a batch to its commit:"
              + " median %,d ms, max %,d ms; newest message: median %,d ms, max %,d ms%n",
          produced,
          rate,
          seconds,
          allowedMillis,
          reports.size(),
          worst.size(),
          warmup,
          counted,
          worst.isEmpty() ? -1 : worst.get(worst.size() / 2),
          worst.isEmpty() ? -1 : worst.get(worst.size() - 1),
          best.isEmpty() ? -1 : best.get(best.size() / 2),
          best.isEmpty() ? -1 : best.get(best.size() - 1));
    }
  }

  /**
   * Sends {@code rate} messages a second for {@code seconds}, a slice every 10 ms.
   *
   * @return how many were sent (all acknowledged)
   */
  private static long produce(String bootstrap, int rate, int seconds) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class.getName(),
            ProducerConfig.LINGER_MS_CONFIG,
            "5",
            ProducerConfig.BATCH_SIZE_CONFIG,
            "262144");
    Random random = new Random(42);
    long sent = 0;
    long start = System.nanoTime();
    long slices = seconds * 100L;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (long slice = 0; slice < slices; slice++) {
        long due = start + slice * 10_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long until = (slice + 1) * rate / 100;
        for (; sent < until; sent++) {
          byte[] value =
              KafkaIngestThroughput.message(random, sent).getBytes(StandardCharsets.UTF_8);
          producer.send(new ProducerRecord<>("steady", (int) (sent % 3), null, value));
        }
      }
      producer.flush();
    }
    return sent;
  }
}
