package dev.keel.connectors.flink;

import dev.keel.kernel.FileStream;
import dev.keel.kernel.FileStreamBuilder;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Tails a table with Keel's {@link FileStream}: every update-check interval, on Flink's worker
 * thread, the next step of the stream (first the snapshot's files unless the source starts at a
 * commit, then each commit's added files); on the coordinator thread, its files become splits and
 * its next position the checkpointed one, together, so that a restored job neither skips nor
 * re-reads a file. A step that fails (a delete without {@code ignoreDeletes}, a schema change)
 * fails the job with Keel's message.
 */
final class KeelContinuousEnumerator implements SplitEnumerator<KeelSplit, KeelEnumeratorState> {
  private final KeelSource source;
  private final SplitEnumeratorContext<KeelSplit> context;
  private final Deque<KeelSplit> pending = new ArrayDeque<>();
  private final Set<Integer> waiting = new LinkedHashSet<>();
  private StreamPosition position;
  private DefaultEngine engine;
  private FileStream stream;
  private long nextId;

  KeelContinuousEnumerator(
      KeelSource source, SplitEnumeratorContext<KeelSplit> context, KeelEnumeratorState state) {
    this.source = source;
    this.context = context;
    this.pending.addAll(state.pending());
    this.position =
        StreamPosition.fromJson(
            state.position().isEmpty() ? source.continuous().startingPosition() : state.position());
    this.nextId = System.nanoTime(); // split ids stay unique across restores
  }

  @Override
  public void start() {
    engine = source.newEngine();
    FileStreamBuilder builder =
        Table.forPath(engine, source.tablePath())
            .getFileStream()
            .startingAt(position)
            .withReadSchema(source.readSchema())
            .ignoreDeletes(source.continuous().ignoreDeletes())
            .ignoreChanges(source.continuous().ignoreChanges());
    if (source.filter().isPresent()) {
      builder = builder.withFilter(source.filter().get());
    }
    stream = builder.build(engine);
    context.callAsync(this::step, this::onStep, 0, source.continuous().updateCheckMillis());
  }

  /** On Flink's worker thread: the stream's next step, as splits and where it continues. */
  private Planned step() {
    List<KeelSplit> splits = new ArrayList<>();
    StreamPosition next;
    do {
      FileStream.Step step = stream.next(engine);
      String state = stream.getScanState().toJson();
      for (Row file : step.getFiles()) {
        splits.add(KeelSplit.of(nextId++, state, file));
      }
      next = step.getNextPosition();
      if (step.isCaughtUp()) {
        break;
      }
    } while (splits.size() < 10_000);
    return new Planned(splits, next);
  }

  private record Planned(List<KeelSplit> splits, StreamPosition next) {}

  /** On the coordinator thread: the step's splits become assignable, its position current. */
  private void onStep(Planned planned, Throwable error) {
    if (error != null) {
      throw new IllegalStateException(
          "Keel's stream of " + source.tablePath() + " failed: " + error.getMessage(), error);
    }
    pending.addAll(planned.splits());
    position = planned.next();
    List<Integer> readers = new ArrayList<>(waiting);
    waiting.clear();
    readers.forEach(r -> handleSplitRequest(r, null));
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (!context.registeredReaders().containsKey(subtaskId)) {
      return;
    }
    KeelSplit next = pending.poll();
    if (next != null) {
      context.assignSplit(next, subtaskId);
    } else {
      waiting.add(subtaskId); // a continuous source never runs out: wait for the next commit
    }
  }

  @Override
  public void addSplitsBack(List<KeelSplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public KeelEnumeratorState snapshotState(long checkpointId) {
    return new KeelEnumeratorState(true, new ArrayList<>(pending), position.toJson());
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
