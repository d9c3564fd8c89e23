package dev.keel.connectors.flink;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;

/**
 * Reads the splits assigned to one subtask, one file at a time, asking the enumerator for the next
 * when one is done. Its checkpointed state is each unfinished split with the rows already emitted.
 */
final class KeelSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        RowData, RowData, KeelSplit, KeelSourceReader.SplitState> {

  KeelSourceReader(KeelSource source, SourceReaderContext context) {
    super(
        () -> new KeelSplitReader(source),
        (record, output, state) -> {
          output.collect(record);
          state.emitted++;
        },
        new Configuration(),
        context);
  }

  /** A split being read: how many of its rows this reader emitted. */
  static final class SplitState {
    final KeelSplit split;
    long emitted;

    SplitState(KeelSplit split) {
      this.split = split;
      this.emitted = split.rowsEmitted();
    }
  }

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  protected void onSplitFinished(Map<String, SplitState> finished) {
    context.sendSplitRequest();
  }

  @Override
  protected SplitState initializedState(KeelSplit split) {
    return new SplitState(split);
  }

  @Override
  protected KeelSplit toSplitType(String splitId, SplitState state) {
    return state.split.withRowsEmitted(state.emitted);
  }
}
