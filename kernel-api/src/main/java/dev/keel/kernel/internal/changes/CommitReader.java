package dev.keel.kernel.internal.changes;

import dev.keel.kernel.CommitActions;
import dev.keel.kernel.DeltaAction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.replay.LogFiles;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the actions of a range of commit files in version order, several files at once. */
public final class CommitReader {
  private CommitReader() {}

  /** See {@code Table.getCommits}. */
  public static CloseableIterator<CommitActions> read(
      Engine engine, String tablePath, long from, long to, Set<DeltaAction> actions) {
    if (actions.isEmpty()) {
      throw new IllegalArgumentException(
          "Ask for at least one kind of action, e.g. DeltaAction.ADD");
    }
    CommitRange range = CommitRange.list(engine, "commits", tablePath, from, Optional.of(to));
    List<StructField> fields = new ArrayList<>();
    for (DeltaAction a : DeltaAction.values()) {
      if (actions.contains(a)) {
        fields.add(new StructField(a.getFieldName(), a.getSchema(), true));
      }
    }
    Map<String, Long> times = new HashMap<>();
    for (FileStatus f : range.files) {
      times.put(f.getPath(), f.getModificationTime());
    }
    return LogFiles.commitsInOrder(engine, range.files, new StructType(fields))
        .map(ab -> new Batch(ab, times.getOrDefault(ab.path, 0L)));
  }

  private static final class Batch implements CommitActions {
    private final LogFiles.ActionBatch batch;
    private final long timestamp;

    Batch(LogFiles.ActionBatch batch, long timestamp) {
      this.batch = batch;
      this.timestamp = timestamp;
    }

    @Override
    public long getVersion() {
      return batch.version;
    }

    @Override
    public long getTimestamp() {
      return timestamp;
    }

    @Override
    public ColumnarBatch getActions() {
      return batch.batch;
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
