package dev.keel.connectors.kafka;

import dev.keel.kernel.engine.MetricsReport;
import java.util.Map;

/**
 * What one committed batch of a {@link KafkaIngest} did, handed to the engine's metrics reporters
 * (operation {@code kafka-ingest}): {@code messages}, {@code bytes}, {@code deadLetters}, {@code
 * commitNanos} (parsing, writing and committing the batch), {@code lag.<partition>} for each
 * partition the worker owns, and the end-to-end latency: {@code latencyMaxMillis} and {@code
 * latencyMinMillis}, from the Kafka timestamps of the batch's oldest and newest message to the end
 * of its commit (left out when no message of the batch has a timestamp). Both depend on the
 * producers' clocks when the topic keeps the producers' timestamps ({@code CreateTime}).
 *
 * @param tablePath the table
 * @param metrics the measurements
 */
public record IngestReport(String tablePath, Map<String, Long> metrics) implements MetricsReport {
  /** The operation this report names. */
  public static final String OPERATION = "kafka-ingest";

  @Override
  public String getOperation() {
    return OPERATION;
  }

  @Override
  public String getTablePath() {
    return tablePath;
  }

  @Override
  public Map<String, Long> getMetrics() {
    return metrics;
  }
}
