package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.connectors.kafka.testing.KafkaBroker;
import dev.keel.connectors.kafka.testing.TestRows;
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
import java.util.Map;
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
    return TestRows.message(id);
  }

  private static List<String> messages(long from, long to) {
    return TestRows.messages(from, to);
  }

  private static void ingest(IngestOptions options) {
    try (KafkaIngest ingest = new KafkaIngest(engine, options, line -> {})) {
      ingest.run();
    }
  }

  static List<Long> ids(String table) {
    return TestRows.ids(engine, table);
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
    // run again: nothing new, nothing twice; each batch reported to the engine's reporters
    long sentFrom = System.currentTimeMillis();
    broker.send(t[0], 1, messages(1000, 1010));
    List<dev.keel.kernel.engine.MetricsReport> reports =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DefaultEngine reporting =
            DefaultEngine.builder().addMetricsReporter(reports::add).build();
        KafkaIngest again = new KafkaIngest(reporting, options, line -> {})) {
      again.run();
    }
    long sinceSent = System.currentTimeMillis() - sentFrom;
    assertThat(ids(t[1])).isEqualTo(range(0, 1010));
    List<dev.keel.kernel.engine.MetricsReport> ingests =
        reports.stream().filter(r -> r.getOperation().equals(IngestReport.OPERATION)).toList();
    assertThat(ingests).hasSize(1);
    assertThat(ingests.get(0).getTablePath()).isEqualTo(t[1]);
    assertThat(ingests.get(0).getMetrics())
        .containsEntry("messages", 10L)
        .containsEntry("deadLetters", 0L)
        .containsKey("commitNanos")
        .containsKey("bytes");
    // the latency runs from the messages' producer timestamps, taken after sentFrom, to the commit
    long latest = ingests.get(0).getMetrics().get("latencyMaxMillis");
    long earliest = ingests.get(0).getMetrics().get("latencyMinMillis");
    assertThat(earliest).isBetween(0L, latest);
    assertThat(latest).isLessThanOrEqualTo(sinceSent);
  }

  @Test
  void messagesThatDoNotFitGoToTheDeadLetterTableInTheSameRun() {
    String[] t = topicAndTable();
    List<String> batch = new ArrayList<>(messages(0, 5));
    batch.add("{not json"); // offset 5
    batch.add("{\"id\":\"six\",\"city\":\"c1\"}"); // offset 6: a string for a long
    batch.add("{\"city\":\"c1\"}"); // offset 7: no id, which may not be null
    batch.add("{\"id\":8,\"city\":{\"name\":\"Oslo\",\"zip\":[1,2]}}"); // kept as JSON text
    batch.add(message(9));
    broker.send(t[0], 0, batch);
    String dlq = "file:" + dir.resolve(t[0] + "-dlq");
    IngestOptions options =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withDeadLetterTable(dlq)
            .withEndAtLatestOffsets(true);
    ingest(options);
    assertThat(ids(t[1])).containsExactly(0L, 1L, 2L, 3L, 4L, 8L, 9L);
    assertThat(
            TestBatches.canonicalRows(
                engine, Table.forPath(engine, t[1]).getLatestSnapshot(engine)))
        .contains(
            "{\"at\":null,\"city\":\"{\\\"name\\\":\\\"Oslo\\\",\\\"zip\\\":[1,2]}\",\"id\":8}");
    List<String> dead =
        TestBatches.canonicalRows(engine, Table.forPath(engine, dlq).getLatestSnapshot(engine));
    assertThat(dead).hasSize(3);
    assertThat(dead.get(0))
        .contains("\"offset\":5,\"partition\":0,\"raw_base64\":\"e25vdCBqc29u\"")
        .contains("\"topic\":\"" + t[0] + "\"");
    assertThat(dead.get(1)).contains("\"offset\":6");
    assertThat(dead.get(2))
        .contains("\"error\":\"no value for the non-nullable column `id`\"")
        .contains("\"offset\":7");
    Snapshot s = Table.forPath(engine, dlq).getLatestSnapshot(engine);
    assertThat(s.getLatestTransactionVersion(engine, options.appId() + "-dlq-0")).contains(9L);
  }

  @Test
  void withoutADeadLetterTableABadMessageStopsIngestionAndCommitsNothingOfItsBatch() {
    String[] t = topicAndTable();
    List<String> batch = new ArrayList<>(messages(0, 3));
    batch.add("[1, 2]");
    broker.send(t[0], 2, batch);
    IngestOptions options =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers()).withEndAtLatestOffsets(true);
    assertThatThrownBy(() -> ingest(options))
        .isInstanceOf(IngestException.class)
        .hasMessageStartingWith(
            "Cannot ingest the message at offset 3 of partition 2 of topic " + t[0] + ": ")
        .hasMessageEndingWith(
            ". Nothing of its batch was committed. Give a dead-letter table to set such messages"
                + " aside, or start past it with a seek offset.");
    assertThat(Table.forPath(engine, t[1]).getLatestSnapshot(engine).getVersion()).isZero();
    // starting past it
    ingest(options.withSeekOffsets(Map.of(2, 4L)));
    assertThat(ids(t[1])).isEmpty();
    assertThat(
            Table.forPath(engine, t[1])
                .getLatestSnapshot(engine)
                .getLatestTransactionVersion(engine, options.appId() + "-2"))
        .contains(3L);
  }

  @Test
  void seekOffsetsAreRecordedBeforeTheFirstDataCommit() {
    String[] t = topicAndTable();
    broker.send(t[0], 0, messages(0, 10));
    IngestOptions options =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withSeekOffsets(Map.of(0, 6L, 1, 0L))
            .withEndAtLatestOffsets(true);
    ingest(options);
    assertThat(ids(t[1])).containsExactly(6L, 7L, 8L, 9L);
    Snapshot s = Table.forPath(engine, t[1]).getLatestSnapshot(engine);
    assertThat(s.getLatestTransactionVersion(engine, options.appId() + "-0")).contains(9L);
    // partition 1 had no message: its starting offset was recorded all the same
    assertThat(s.getLatestTransactionVersion(engine, options.appId() + "-1")).contains(-1L);
    assertThat(Table.forPath(engine, t[1]).getHistory(engine, 1, 1).get(0).getOperation())
        .contains("STREAMING UPDATE");
  }

  @Test
  void twoWorkersThatBothOwnEveryPartitionStillIngestEachMessageOnce() throws Exception {
    String[] t = topicAndTable();
    for (int p = 0; p < 3; p++) {
      broker.send(t[0], p, messages(p * 2000, p * 2000 + 2000));
    }
    // different groups: each worker is assigned every partition, so their commits collide
    IngestOptions a =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withGroupId("a")
            .withBatchLimits(Duration.ofSeconds(60), 200, 128L << 20)
            .withEndAtLatestOffsets(true);
    IngestOptions b = a.withGroupId("b");
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<KafkaIngest> workers =
        List.of(new KafkaIngest(engine, a, line -> {}), new KafkaIngest(engine, b, line -> {}));
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
      th.join(120_000);
    }
    assertThat(errors).isEmpty();
    assertThat(ids(t[1])).isEqualTo(range(0, 6000));
    assertThat(workers.get(0).metrics().conflicts() + workers.get(1).metrics().conflicts())
        .as("the workers' commits collided")
        .isPositive();
  }

  @Test
  void aSmallBatchLandsWithinTheAllowedLatency() throws Exception {
    String[] t = topicAndTable();
    IngestOptions options =
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withBatchLimits(Duration.ofSeconds(1), 100_000, 128L << 20);
    KafkaIngest ingest = new KafkaIngest(engine, options, line -> {});
    Thread th = new Thread(ingest::run);
    th.start();
    try {
      Thread.sleep(2000); // joined the group and idle
      long sent = System.currentTimeMillis();
      broker.send(t[0], 1, messages(0, 10));
      long landed = -1;
      for (int i = 0; i < 200 && landed < 0; i++) {
        if (Table.forPath(engine, t[1]).getLatestSnapshot(engine).getVersion() > 0) {
          landed = System.currentTimeMillis();
        } else {
          Thread.sleep(50);
        }
      }
      assertThat(landed).as("the batch landed").isPositive();
      assertThat(landed - sent).as("ms from send to commit").isLessThan(1000 + 2000);
      assertThat(ids(t[1])).isEqualTo(range(0, 10));
    } finally {
      ingest.stop();
      th.join(30_000);
      ingest.close();
    }
  }

  private static byte[] avro(org.apache.avro.Schema schema, java.util.Map<String, Object> fields)
      throws java.io.IOException {
    org.apache.avro.generic.GenericData.Record r =
        new org.apache.avro.generic.GenericData.Record(schema);
    fields.forEach(r::put);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    org.apache.avro.io.BinaryEncoder e =
        org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.generic.GenericDatumWriter<Object>(schema).write(r, e);
    e.flush();
    return out.toByteArray();
  }

  @Test
  void avroMessagesOfTheGivenSchemaAreIngestedAndOthersAreDeadLetters() throws Exception {
    String[] t = topicAndTable();
    String avsc =
        "{\"type\":\"record\",\"name\":\"Event\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"city\",\"type\":[\"null\",\"string\"]},"
            + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}}]}";
    org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(avsc);
    org.apache.avro.Schema other =
        new org.apache.avro.Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":["
                    + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"},"
                    + "{\"name\":\"x\",\"type\":\"string\"}]}");
    List<byte[]> messages = new ArrayList<>();
    for (long i = 0; i < 4; i++) {
      messages.add(avro(schema, Map.of("id", i, "city", "c" + i, "at", 1_765_015_200_123_456L)));
    }
    messages.add(avro(other, Map.of("name", "not an event at all", "n", 7, "x", "y"))); // offset 4
    broker.sendBytes(t[0], 0, messages);
    String dlq = "file:" + dir.resolve(t[0] + "-dlq");
    ingest(
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withAvroSchema(avsc)
            .withDeadLetterTable(dlq)
            .withEndAtLatestOffsets(true));
    List<String> rows =
        TestBatches.canonicalRows(engine, Table.forPath(engine, t[1]).getLatestSnapshot(engine));
    assertThat(rows)
        .hasSize(4)
        .contains("{\"at\":\"2025-12-06T10:00:00.123456Z\",\"city\":\"c2\",\"id\":2}");
    List<String> dead =
        TestBatches.canonicalRows(engine, Table.forPath(engine, dlq).getLatestSnapshot(engine));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0))
        .contains("\"offset\":4")
        .contains("not a record of the Avro schema Event");
  }

  @Test
  void newFieldsBecomeNullableColumnsAndAValueOfTheWrongTypeIsADeadLetter() {
    String[] t = topicAndTable();
    List<String> batch = new ArrayList<>(messages(0, 2));
    batch.add("{\"id\":2,\"city\":\"c2\",\"score\":1.5,\"tag\":\"new\",\"nested\":{\"a\":1}}");
    batch.add("{\"id\":3,\"city\":\"c3\",\"score\":\"high\"}"); // offset 3: not a double
    batch.add("{\"id\":4,\"score\":2,\"tag\":null}");
    broker.send(t[0], 1, batch);
    String dlq = "file:" + dir.resolve(t[0] + "-dlq");
    ingest(
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withEvolveSchema(true)
            .withDeadLetterTable(dlq)
            .withEndAtLatestOffsets(true));
    Snapshot s = Table.forPath(engine, t[1]).getLatestSnapshot(engine);
    assertThat(s.getSchema().fieldNames()).containsExactly("id", "city", "at", "score", "tag");
    assertThat(s.getSchema().get("score").orElseThrow().getDataType()).isEqualTo(DataTypes.DOUBLE);
    List<String> rows = TestBatches.canonicalRows(engine, s);
    assertThat(rows)
        .hasSize(4)
        .contains("{\"at\":null,\"city\":\"c2\",\"id\":2,\"score\":1.5,\"tag\":\"new\"}")
        .contains("{\"at\":null,\"city\":null,\"id\":4,\"score\":2,\"tag\":null}");
    List<String> dead =
        TestBatches.canonicalRows(engine, Table.forPath(engine, dlq).getLatestSnapshot(engine));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0)).contains("\"offset\":3");
  }

  @Test
  void transformsSetColumnsFromTheMessageAndItsKafkaMetadata() {
    String[] t = topicAndTable();
    broker.send(t[0], 2, List.of("{\"id\":1,\"place\":\"oslo\"}", "{\"id\":2}"));
    ingest(
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withTransforms(
                List.of(
                    "city: coalesce(upper(place), concat('p', string(kafka.partition)))",
                    "at: timestamp_millis(kafka.timestamp)"))
            .withEndAtLatestOffsets(true));
    List<String> rows =
        TestBatches.canonicalRows(engine, Table.forPath(engine, t[1]).getLatestSnapshot(engine));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).contains("\"city\":\"OSLO\",\"id\":1").doesNotContain("\"at\":null");
    assertThat(rows.get(1)).contains("\"city\":\"p2\",\"id\":2");
  }

  @Test
  void aLargeBatchIsParsedAndWrittenInTwoHalvesAtOnceWithItsDeadLettersInBoth() {
    String[] t = topicAndTable();
    List<String> batch = new ArrayList<>(messages(0, 20_000));
    batch.set(100, "{bad"); // in the first half
    batch.set(15_000, "{\"id\":\"x\"}"); // in the second
    broker.send(t[0], 0, batch);
    String dlq = "file:" + dir.resolve(t[0] + "-dlq");
    ingest(
        IngestOptions.of(t[0], t[1], broker.bootstrapServers())
            .withBatchLimits(Duration.ofSeconds(60), 20_000, 128L << 20)
            .withDeadLetterTable(dlq)
            .withEndAtLatestOffsets(true));
    List<Long> expected = range(0, 20_000);
    expected.remove(Long.valueOf(15_000));
    expected.remove(Long.valueOf(100));
    assertThat(ids(t[1])).isEqualTo(expected);
    assertThat(Table.forPath(engine, t[1]).getLatestSnapshot(engine).getVersion()).isEqualTo(1);
    List<String> dead =
        TestBatches.canonicalRows(engine, Table.forPath(engine, dlq).getLatestSnapshot(engine));
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0)).contains("\"offset\":100");
    assertThat(dead.get(1)).contains("\"offset\":15000");
  }
}
