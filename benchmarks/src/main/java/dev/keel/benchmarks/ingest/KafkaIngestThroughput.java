package dev.keel.benchmarks.ingest;

import dev.keel.connectors.kafka.IngestOptions;
import dev.keel.connectors.kafka.KafkaIngest;
import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plain benchmark (not JMH: it starts a broker): 1 KB JSON messages of 20 fields, produced to 3
 * partitions of a KRaft broker in this JVM, ingested by one {@code KafkaIngest} worker into a table
 * partitioned by one of the fields; prints, per round, messages per second of the ingestion alone
 * (the messages are produced first), the time spent in commits, and the process CPU and JIT
 * compilation time meanwhile. Each round ingests its own topic into its own table in the same JVM,
 * so the first round shows a cold JVM and the later ones a warm ingester.
 *
 * <pre>
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   dev.keel.benchmarks.ingest.KafkaIngestThroughput [messages] [batch] [rounds]
 * </pre>
 */
public final class KafkaIngestThroughput {
  private KafkaIngestThroughput() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path dir = Files.createTempDirectory("keel-ingest-bench");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int cores = Runtime.getRuntime().availableProcessors();
    try (KafkaBroker broker = KafkaBroker.start();
        DefaultEngine engine = DefaultEngine.create()) {
      long bytes = 0;
      for (int round = 0; round < rounds; round++) {
        bytes = produce(broker, "bench" + round, total);
      }
      for (int round = 0; round < rounds; round++) {
        String table = createTable(engine, dir.resolve("t" + round));
        IngestOptions options =
            IngestOptions.of("bench" + round, table, broker.bootstrapServers())
                .withBatchLimits(Duration.ofSeconds(60), batch, 512L << 20)
                .withEndAtLatestOffsets(true)
                .withKafkaProperty("max.poll.records", "10000")
                .withKafkaProperty("fetch.max.bytes", String.valueOf(64 << 20))
                .withKafkaProperty("max.partition.fetch.bytes", String.valueOf(16 << 20));
        long cpuStart = os.getProcessCpuTime();
        long jitStart = jit.getTotalCompilationTime();
        long start = System.nanoTime();
        try (KafkaIngest ingest = new KafkaIngest(engine, options, line -> {})) {
          ingest.run();
          double seconds = (System.nanoTime() - start) / 1e9;
          double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
          System.out.printf(
              "round %d: %,d messages of %,d bytes on average in %.2f s: %,.0f messages/s,"
                  + " %.1f MB/s; %d commits took %,d ms in all; process CPU %.1f s (%.0f%% of %d"
                  + " cores), JIT compilation %,d ms%n",
              round + 1,
              ingest.metrics().messages(),
              bytes / total,
              seconds,
              ingest.metrics().messages() / seconds,
              bytes / seconds / 1e6,
              ingest.metrics().commits(),
              ingest.metrics().totalCommitMillis(),
              cpuSeconds,
              100 * cpuSeconds / seconds / cores,
              cores,
              jit.getTotalCompilationTime() - jitStart);
        }
      }
    }
  }

  /**
   * Creates the benchmark's table: {@link #schema}, partitioned by region.
   *
   * @return its path
   */
  static String createTable(DefaultEngine engine, Path path) {
    Table.forPath(engine, path.toString())
        .createTransactionBuilder("bench", Operation.CREATE_TABLE)
        .withSchema(schema())
        .withPartitionColumns(List.of("region"))
        .build(engine)
        .commit(engine);
    return path.toString();
  }

  static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField("id", DataTypes.LONG, false));
    fields.add(new StructField("region", DataTypes.STRING, true));
    fields.add(new StructField("at", DataTypes.TIMESTAMP, true));
    for (int i = 0; i < 7; i++) {
      fields.add(new StructField("n" + i, DataTypes.LONG, true));
      fields.add(new StructField("d" + i, DataTypes.DOUBLE, true));
    }
    fields.add(new StructField("s0", DataTypes.STRING, true));
    fields.add(new StructField("s1", DataTypes.STRING, true));
    fields.add(new StructField("s2", DataTypes.STRING, true));
    return new StructType(fields);
  }

  /**
   * Produces {@code total} messages to a new topic of 3 partitions.
   *
   * @return the bytes of all the messages
   */
  private static long produce(KafkaBroker broker, String topic, int total) throws Exception {
    broker.createTopic(topic, 3);
    Random random = new Random(42);
    long bytes = 0;
    for (int p = 0; p < 3; p++) {
      List<String> messages = new ArrayList<>();
      for (int i = p; i < total; i += 3) {
        String text = message(random, i);
        bytes += text.length();
        messages.add(text);
      }
      broker.send(topic, p, messages);
    }
    return bytes;
  }

  private static final String PAD = "x".repeat(180);

  /**
   * @return message number {@code i}: about 1 KB of JSON, 20 fields of {@link #schema}
   */
  static String message(Random random, long i) {
    StringBuilder m = new StringBuilder("{\"id\":").append(i);
    m.append(",\"region\":\"r").append(i % 8).append('"');
    m.append(",\"at\":\"2026-12-06T10:00:00.123456Z\"");
    for (int k = 0; k < 7; k++) {
      m.append(",\"n").append(k).append("\":").append(random.nextLong());
      m.append(",\"d").append(k).append("\":").append(random.nextDouble());
    }
    for (int k = 0; k < 3; k++) {
      m.append(",\"s").append(k).append("\":\"").append(PAD).append(k).append('"');
    }
    return m.append('}').toString();
  }
}
