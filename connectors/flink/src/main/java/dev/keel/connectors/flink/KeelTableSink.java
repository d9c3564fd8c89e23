package dev.keel.connectors.flink;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;

/**
 * A Delta table as a Flink SQL sink: {@code INSERT INTO} appends through {@link KeelSink}, exactly
 * once per checkpoint, into the partitions the rows' values name ({@code INSERT INTO t PARTITION (p
 * = 'x')} included). Only inserts: a query that produces updates or deletes is refused by Flink's
 * planner.
 */
final class KeelTableSink implements DynamicTableSink, SupportsPartitioning {
  private final KeelSink.Builder builder;

  KeelTableSink(KeelSink.Builder builder) {
    this.builder = builder;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return ChangelogMode.insertOnly();
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    return SinkV2Provider.of(builder.build());
  }

  /**
   * Nothing to do: with {@code INSERT INTO t PARTITION (p = 'x')} Flink's planner puts the static
   * values into the rows, and the writers route rows by their partition values.
   */
  @Override
  public void applyStaticPartition(java.util.Map<String, String> partition) {}

  /** Rows need not arrive grouped by partition: each writer buffers by partition. */
  @Override
  public boolean requiresPartitionGrouping(boolean supportsGrouping) {
    return false;
  }

  @Override
  public DynamicTableSink copy() {
    return new KeelTableSink(builder);
  }

  @Override
  public String asSummaryString() {
    return "Keel";
  }
}
