package dev.keel.connectors.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
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
        Map.of());
  }

  /**
   * @return a copy with this consumer group
   */
  public IngestOptions withGroupId(String id) {
    return new IngestOptions(
        topic,
        table,
        bootstrapServers,
        id,
        appId,
        allowedLatency,
        maxMessagesPerBatch,
        minBytesPerFile,
        deadLetterTable,
        seekOffsets,
        startFromEarliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy with this application id
   */
  public IngestOptions withAppId(String id) {
    return new IngestOptions(
        topic,
        table,
        bootstrapServers,
        groupId,
        id,
        allowedLatency,
        maxMessagesPerBatch,
        minBytesPerFile,
        deadLetterTable,
        seekOffsets,
        startFromEarliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy with these batch limits
   */
  public IngestOptions withBatchLimits(Duration latency, int messages, long bytes) {
    return new IngestOptions(
        topic,
        table,
        bootstrapServers,
        groupId,
        appId,
        latency,
        messages,
        bytes,
        deadLetterTable,
        seekOffsets,
        startFromEarliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy that sends bad messages to this table (created if absent)
   */
  public IngestOptions withDeadLetterTable(String path) {
    return new IngestOptions(
        topic,
        table,
        bootstrapServers,
        groupId,
        appId,
        allowedLatency,
        maxMessagesPerBatch,
        minBytesPerFile,
        Optional.of(path),
        seekOffsets,
        startFromEarliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy with these starting offsets
   */
  public IngestOptions withSeekOffsets(Map<Integer, Long> offsets) {
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
        offsets,
        startFromEarliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy that starts partitions without offsets at the earliest (true) or the end
   */
  public IngestOptions withStartFromEarliest(boolean earliest) {
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
        earliest,
        endAtLatestOffsets,
        kafkaProperties);
  }

  /**
   * @return a copy that stops at the end offsets (true) or runs until stopped
   */
  public IngestOptions withEndAtLatestOffsets(boolean end) {
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
        end,
        kafkaProperties);
  }

  /**
   * @return a copy with one more consumer property
   */
  public IngestOptions withKafkaProperty(String key, String value) {
    Map<String, String> props = new LinkedHashMap<>(kafkaProperties);
    props.put(key, value);
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
        props);
  }
}
