package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka topics into Delta tables against a real (KRaft) broker in the test JVM. */
class TestKafkaIngest {
  static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("city", DataTypes.STRING, true),
              new StructField("at", DataTypes.TIMESTAMP, true)));

  @TempDir static Path dir;
  private static KafkaBroker broker;
  private static DefaultEngine engine;
  private static int topics;

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

  /** A new topic of 3 partitions and an empty table partitioned by city. */
  private static String[] topicAndTable() {
    String topic = "events-" + (++topics);
    broker.createTopic(topic, 3);
    String table = dir.resolve(topic).toString();
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withPartitionColumns(List.of("city"))
        .build(engine)
        .commit(engine);
    return new String[] {topic, "file:" + table};
  }

  private static String message(long id) {
    return "{\"id\":" + id + ",\"city\":\"c" + (id % 4) + "\",\"at\":\"2026-12-06T10:00:00Z\"}";
  }

  private static List<String> messages(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(message(i));
    }
    return out;
  }

  private static void ingest(IngestOptions options) {
    try (KafkaIngest ingest = new KafkaIngest(engine, options, line -> {})) {
      ingest.run();
    }
  }

  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("\"id\":(-?\\d+)");

  /** The ids of the table's rows, sorted (duplicates kept). */
  static List<Long> ids(String table) {
    List<Long> out = new ArrayList<>();
    for (String row :
        TestBatches.canonicalRows(engine, Table.forPath(engine, table).getLatestSnapshot(engine))) {
      java.util.regex.Matcher m = ID.matcher(row);
      assertThat(m.find()).as(row).isTrue();
      out.add(Long.parseLong(m.group(1)));
    }
    out.sort(null);
    return out;
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void ingestsEveryMessageOnceAndRecordsEachPartitionsLastOffset() {
    String[] t = topicAndTable();
    broker.send(t[0], 0, messages(0, 400));
    broker.send(t[0], 1, messages(400, 700));
    broker.send(t[0], 2, messages(700, 1000));
    IngestOptions options =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withBatchLimits(Duration.ofSeconds(60), 250, 128L << 20)
            .withEndAtLatestOffsets(true);
    ingest(options);
    assertThat(ids(t[1])).isEqualTo(range(0, 1000));
    Snapshot s = Table.forPath(engine, t[1]).getLatestSnapshot(engine);
    String app = options.appId();
    assertThat(s.getLatestTransactionVersion(engine, app + "-0")).contains(399L);
    assertThat(s.getLatestTransactionVersion(engine, app + "-1")).contains(299L);
    assertThat(s.getLatestTransactionVersion(engine, app + "-2")).contains(299L);
    // run again: nothing new, nothing twice
    broker.send(t[0], 1, messages(1000, 1010));
    ingest(options);
    assertThat(ids(t[1])).isEqualTo(range(0, 1010));
  }
}
