package dev.keel.connectors.flink;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Plans the source's snapshot with Keel on the job manager (off the coordinator thread) and hands
 * one split per data file to each reader that asks; when none is left, tells the reader so.
 */
final class KeelEnumerator implements SplitEnumerator<KeelSplit, KeelEnumeratorState> {
  private final KeelSource source;
  private final SplitEnumeratorContext<KeelSplit> context;
  private final Deque<KeelSplit> pending = new ArrayDeque<>();
  private final Set<Integer> waiting = new LinkedHashSet<>();
  private boolean planned;

  KeelEnumerator(
      KeelSource source, SplitEnumeratorContext<KeelSplit> context, KeelEnumeratorState state) {
    this.source = source;
    this.context = context;
    this.planned = state.planned();
    this.pending.addAll(state.pending());
  }

  @Override
  public void start() {
    if (!planned) {
      context.callAsync(
          this::plan,
          (splits, error) -> {
            if (error != null) {
              throw new IllegalStateException(
                  "Cannot plan the scan of " + source.tablePath() + ": " + error.getMessage(),
                  error);
            }
            pending.addAll(splits);
            planned = true;
            List<Integer> readers = new ArrayList<>(waiting);
            waiting.clear();
            readers.forEach(r -> handleSplitRequest(r, null));
          });
    }
  }

  /** The splits {@link #start} would plan, for tests. */
  List<KeelSplit> planForTest() {
    return plan();
  }

  /** Every data file of the snapshot, as splits. */
  private List<KeelSplit> plan() {
    List<KeelSplit> splits = new ArrayList<>();
    try (DefaultEngine engine = source.newEngine()) {
      Snapshot snapshot =
          Table.forPath(engine, source.tablePath())
              .getSnapshotAsOfVersion(engine, source.getVersion());
      ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(source.readSchema());
      if (source.filter().isPresent()) {
        builder = builder.withFilter(source.filter().get());
      }
      Scan scan = builder.build();
      String state = scan.getScanState().toJson();
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (FilteredColumnarBatch batch = files.next();
              CloseableIterator<Row> rows = batch.getRows()) {
            while (rows.hasNext()) {
              Row file = rows.next();
              splits.add(KeelSplit.of(splits.size(), state, file));
            }
          }
        }
      }
    }
    return splits;
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (!planned) {
      waiting.add(subtaskId);
      return;
    }
    if (!context.registeredReaders().containsKey(subtaskId)) {
      return; // the reader failed meanwhile; its splits come back through addSplitsBack
    }
    KeelSplit next = pending.poll();
    if (next != null) {
      context.assignSplit(next, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<KeelSplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {
    // readers ask for splits themselves
  }

  @Override
  public KeelEnumeratorState snapshotState(long checkpointId) {
    return new KeelEnumeratorState(planned, new ArrayList<>(pending));
  }

  @Override
  public void close() {}
}
