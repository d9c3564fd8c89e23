package dev.keel.connectors.flink;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gathers every writer's files of a checkpoint into one {@link KeelCommittable}, so that one Keel
 * transaction commits the checkpoint: runs as a single subtask between the writers and the
 * committer. The writers' results of checkpoint N arrive before its barrier, and the committable
 * leaves with the barrier; the operator holds nothing across checkpoints.
 *
 * <p>At the end of a bounded input the writers' last files carry the id of the checkpoint after the
 * last one they saw; their transaction version is that id, or one past the version the table
 * already records for the application if that is higher (a second batch run with the same
 * application id, where every run's only "checkpoint" is 1).
 */
final class KeelCommitAggregator extends AbstractStreamOperator<CommittableMessage<KeelCommittable>>
    implements OneInputStreamOperator<
            CommittableMessage<KeelCommittable.WriteResult>, CommittableMessage<KeelCommittable>>,
        BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final KeelSink sink;
  private transient Map<Long, List<String>> pending;
  private transient String appId;

  KeelCommitAggregator(KeelSink sink) {
    this.sink = sink;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pending = new TreeMap<>();
    appId = sink.appId().orElse("flink-" + getRuntimeContext().getJobInfo().getJobId());
  }

  @Override
  public void processElement(
      StreamRecord<CommittableMessage<KeelCommittable.WriteResult>> element) {
    if (element.getValue() instanceof CommittableWithLineage<KeelCommittable.WriteResult> l) {
      pending
          .computeIfAbsent(l.getCheckpointId(), id -> new ArrayList<>())
          .addAll(l.getCommittable().files());
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    List<Long> ready = new ArrayList<>();
    for (Long id : pending.keySet()) {
      if (id <= checkpointId) {
        ready.add(id);
      }
    }
    for (Long id : ready) {
      emit(id, id, pending.remove(id));
    }
  }

  /**
   * Emits what is left: the writers' last files, tagged with the checkpoint after the last one they
   * saw. In a streaming job the final checkpoint commits them; in a batch job, end of input.
   */
  @Override
  public void endInput() {
    if (pending.isEmpty()) {
      return;
    }
    long committed;
    try (DefaultEngine engine = sink.newEngine()) {
      committed =
          Table.forPath(engine, sink.tablePath())
              .getLatestSnapshot(engine)
              .getLatestTransactionVersion(engine, appId)
              .orElse(0L);
    }
    for (Map.Entry<Long, List<String>> e : pending.entrySet()) {
      // a batch job has no checkpoints: each run is "checkpoint 1", after the last run's version
      emit(e.getKey(), Math.max(e.getKey(), committed + 1), e.getValue());
    }
    pending.clear();
  }

  private void emit(long checkpointId, long version, List<String> files) {
    if (files.isEmpty()) {
      return;
    }
    output.collect(new StreamRecord<>(new CommittableSummary<>(0, 1, checkpointId, 1, 0)));
    output.collect(
        new StreamRecord<>(
            new CommittableWithLineage<>(
                new KeelCommittable(appId, version, files), checkpointId, 0)));
  }
}
