package dev.keel.connectors.kafka;

import dev.keel.kernel.engine.MetricsReport;
import java.util.Map;

/**
 * What one committed batch of a {@link KafkaIngest} did, handed to the engine's metrics reporters
 * (operation {@code kafka-ingest}): {@code messages}, {@code bytes}, {@code deadLetters}, {@code
 * commitNanos} (parsing, writing and committing the batch), and {@code lag.<partition>} for each
 * partition the worker owns.
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
