package dev.keel.connectors.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link KafkaIngest} reads, where it writes, and when it commits. Immutable: each {@code
 * with} method returns a copy.
 *
 * @param topic the Kafka topic
 * @param table the Delta table's path (it must exist; create it first)
 * @param bootstrapServers the brokers
 * @param groupId the consumer group; workers of one group share the topic's partitions
 * @param appId the application id: the table's {@code txn} action of partition {@code p} is {@code
 *     <appId>-<p>}, its version the last offset committed
 * @param allowedLatency a batch is committed at most this long after its first message arrived
 * @param maxMessagesPerBatch a batch is committed once it holds this many messages
 * @param minBytesPerFile a batch is committed once its messages hold this many bytes
 * @param deadLetterTable where messages that cannot be ingested go, or empty to stop at the first
 * @param seekOffsets where to start in partitions the table has no offset for yet, by partition
 * @param startFromEarliest where to start in other partitions without an offset: the earliest
 *     offset (true) or the end (false)
 * @param endAtLatestOffsets stop once every assigned partition is read up to the end offsets it had
 *     when it was assigned
 * @param evolveSchema add the messages' new top-level fields to the table as nullable columns
 * @param avroSchema the Avro writer schema of the messages ({@code .avsc} text), or empty for JSON
 *     messages
 * @param transforms {@code column: expression} each, applied to every message (see {@code keel
 *     ingest --help})
 * @param kafkaProperties more consumer properties ({@code max.poll.records}, security, ...)
 */
public record IngestOptions(
    String topic,
    String table,
    String bootstrapServers,
    String groupId,
    String appId,
    Duration allowedLatency,
    int maxMessagesPerBatch,
    long minBytesPerFile,
    Optional<String> deadLetterTable,
    Map<Integer, Long> seekOffsets,
    boolean startFromEarliest,
    boolean endAtLatestOffsets,
    boolean evolveSchema,
    Optional<String> avroSchema,
    List<String> transforms,
    Map<String, String> kafkaProperties) {

  /** Checks and copies the arguments. */
  public IngestOptions {
    requireNonNull(topic, "topic");
    requireNonNull(table, "table");
    requireNonNull(bootstrapServers, "bootstrapServers");
    requireNonNull(groupId, "groupId");
    requireNonNull(appId, "appId");
    if (allowedLatency.isNegative() || allowedLatency.isZero()) {
      throw new IllegalArgumentException("allowedLatency must be positive, got " + allowedLatency);
    }
    if (maxMessagesPerBatch < 1) {
      throw new IllegalArgumentException(
          "maxMessagesPerBatch must be at least 1, got " + maxMessagesPerBatch);
    }
    if (minBytesPerFile < 1) {
      throw new IllegalArgumentException(
          "minBytesPerFile must be at least 1, got " + minBytesPerFile);
    }
    for (Map.Entry<Integer, Long> e : seekOffsets.entrySet()) {
      if (e.getKey() < 0 || e.getValue() < 0) {
        throw new IllegalArgumentException(
            "seek offsets must be non-negative partitions and offsets, got "
                + e.getKey()
                + " -> "
                + e.getValue());
      }
    }
    seekOffsets = Map.copyOf(seekOffsets);
    transforms = List.copyOf(transforms);
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /**
   * Options with the defaults: group and application id {@code keel-ingest-<topic>}, a latency of
   * 300 s, 5,000 messages or 128 MiB per batch, no dead-letter table, starting at the earliest
   * offset, running until stopped.
   *
   * @param topic the topic
   * @param table the table's path
   * @param bootstrapServers the brokers
   * @return the options
   */
  public static IngestOptions of(String topic, String table, String bootstrapServers) {
    return new IngestOptions(
        topic,
        table,
        bootstrapServers,
        "keel-ingest-" + topic,
        "keel-ingest-" + topic,
        Duration.ofSeconds(300),
        5000,
        128L << 20,
        Optional.empty(),
        Map.of(),
        true,
        false,
        false,
        Optional.empty(),
        List.of(),
        Map.of());
  }

  /** A mutable copy, to change a field or two and build the next options. */
  private static final class Draft {
    String topic;
    String table;
    String bootstrapServers;
    String groupId;
    String appId;
    Duration allowedLatency;
    int maxMessagesPerBatch;
    long minBytesPerFile;
    Optional<String> deadLetterTable;
    Map<Integer, Long> seekOffsets;
    boolean startFromEarliest;
    boolean endAtLatestOffsets;
    boolean evolveSchema;
    Optional<String> avroSchema;
    List<String> transforms;
    Map<String, String> kafkaProperties;

    Draft(IngestOptions o) {
      topic = o.topic;
      table = o.table;
      bootstrapServers = o.bootstrapServers;
      groupId = o.groupId;
      appId = o.appId;
      allowedLatency = o.allowedLatency;
      maxMessagesPerBatch = o.maxMessagesPerBatch;
      minBytesPerFile = o.minBytesPerFile;
      deadLetterTable = o.deadLetterTable;
      seekOffsets = o.seekOffsets;
      startFromEarliest = o.startFromEarliest;
      endAtLatestOffsets = o.endAtLatestOffsets;
      evolveSchema = o.evolveSchema;
      avroSchema = o.avroSchema;
      transforms = o.transforms;
      kafkaProperties = o.kafkaProperties;
    }

    IngestOptions build() {
      return new IngestOptions(
          topic,
          table,
          bootstrapServers,
          groupId,
          appId,
          allowedLatency,
          maxMessagesPerBatch,
          minBytesPerFile,
          deadLetterTable,
          seekOffsets,
          startFromEarliest,
          endAtLatestOffsets,
          evolveSchema,
          avroSchema,
          transforms,
          kafkaProperties);
    }
  }

  private IngestOptions with(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /**
   * @return a copy with this consumer group
   */
  public IngestOptions withGroupId(String id) {
    return with(d -> d.groupId = id);
  }

  /**
   * @return a copy with this application id
   */
  public IngestOptions withAppId(String id) {
    return with(d -> d.appId = id);
  }

  /**
   * @return a copy with these batch limits: latency, messages, bytes
   */
  public IngestOptions withBatchLimits(Duration latency, int messages, long bytes) {
    return with(
        d -> {
          d.allowedLatency = latency;
          d.maxMessagesPerBatch = messages;
          d.minBytesPerFile = bytes;
        });
  }

  /**
   * @return a copy that sends bad messages to this table (created if absent)
   */
  public IngestOptions withDeadLetterTable(String path) {
    return with(d -> d.deadLetterTable = Optional.of(path));
  }

  /**
   * @return a copy with these starting offsets
   */
  public IngestOptions withSeekOffsets(Map<Integer, Long> offsets) {
    return with(d -> d.seekOffsets = offsets);
  }

  /**
   * @return a copy that starts partitions without offsets at the earliest (true) or the end
   */
  public IngestOptions withStartFromEarliest(boolean earliest) {
    return with(d -> d.startFromEarliest = earliest);
  }

  /**
   * @return a copy that stops at the end offsets (true) or runs until stopped
   */
  public IngestOptions withEndAtLatestOffsets(boolean end) {
    return with(d -> d.endAtLatestOffsets = end);
  }

  /**
   * @return a copy that adds the messages' new top-level fields (JSON messages) to the table as
   *     nullable columns (true) or ignores them (false, the default)
   */
  public IngestOptions withEvolveSchema(boolean evolve) {
    return with(d -> d.evolveSchema = evolve);
  }

  /**
   * @param schemaJson the messages' Avro writer schema ({@code .avsc} text): messages are then
   *     binary-encoded Avro records of it (no container, no registry header)
   * @return a copy that reads Avro messages
   */
  public IngestOptions withAvroSchema(String schemaJson) {
    return with(d -> d.avroSchema = Optional.of(schemaJson));
  }

  /**
   * @param specs {@code column: expression} each: field paths, {@code kafka.partition}, {@code
   *     kafka.offset}, {@code kafka.timestamp}, {@code kafka.topic}, {@code kafka.key}, literals,
   *     and the functions concat, coalesce, lower, upper, substr, string, long, double,
   *     timestamp_millis, timestamp_micros and date
   * @return a copy that sets these columns on every message before it is written
   */
  public IngestOptions withTransforms(List<String> specs) {
    return with(d -> d.transforms = specs);
  }

  /**
   * @return a copy with one more consumer property
   */
  public IngestOptions withKafkaProperty(String key, String value) {
    Map<String, String> props = new LinkedHashMap<>(kafkaProperties);
    props.put(key, value);
    return with(d -> d.kafkaProperties = props);
  }
}
