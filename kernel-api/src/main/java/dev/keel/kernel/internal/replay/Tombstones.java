package dev.keel.kernel.internal.replay;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.StructRow;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unexpired tombstones of a snapshot, which a checkpoint keeps so that VACUUM and readers of
 * older versions know a file was removed (PROTOCOL.md, "Checkpoints": a remove is kept until its
 * {@code deletionTimestamp} is older than the retention). Newest first like {@link FileReplay}: a
 * remove is live when no newer action touched the same key (path and deletion vector); the previous
 * checkpoint's tombstones come last.
 */
public final class Tombstones {
  private Tombstones() {}

  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField(ActionSchemas.ADD_FIELD, ActionSchemas.ADD, true),
              new StructField(ActionSchemas.REMOVE_FIELD, ActionSchemas.TOMBSTONE, true)));

  /**
   * @param oldestKept removes with an older (or no) {@code deletionTimestamp} are expired and left
   *     out
   * @return one {@code {"remove":{...}}} JSON line per live tombstone, with {@code
   *     dataChange:false}
   */
  public static CloseableIterator<String> live(Engine engine, LogSegment segment, long oldestKept) {
    PathKeys keys = new PathKeys(segment.tablePath);
    Set<String> seen = new HashSet<>();
    return LogFiles.concat(
            LogFiles.commitsWithCompactions(engine, segment, SCHEMA),
            LogFiles.lazy(() -> LogFiles.checkpoint(engine, segment, SCHEMA)))
        .flatMap(
            ab -> {
              try (ab) {
                return CloseableIterator.of(
                    select(ab.batch, keys, seen, oldestKept, !ab.fromCheckpoint));
              }
            });
  }

  private static List<String> select(
      ColumnarBatch batch, PathKeys keys, Set<String> seen, long oldestKept, boolean isCommit) {
    ColumnVector add = batch.getColumnVector(0);
    ColumnVector remove = batch.getColumnVector(1);
    ColumnVector addPath = add.getChild(ScanFile.PATH);
    ColumnVector addDv = add.getChild(ScanFile.DELETION_VECTOR);
    ColumnVector removePath = remove.getChild(0);
    ColumnVector removeTime = remove.getChild(1);
    ColumnVector removeDv = remove.getChild(ActionSchemas.TOMBSTONE.indexOf("deletionVector"));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < batch.getSize(); i++) {
      if (isCommit && !add.isNullAt(i) && !addPath.isNullAt(i)) {
        seen.add(keys.key(addPath.getString(i), addDv, i));
      } else if (!remove.isNullAt(i) && !removePath.isNullAt(i)) {
        String key = keys.key(removePath.getString(i), removeDv, i);
        boolean first = isCommit ? seen.add(key) : !seen.contains(key);
        if (first && !removeTime.isNullAt(i) && removeTime.getLong(i) >= oldestKept) {
          Map<String, Object> fields =
              ScanFileCodec.toMap(new StructRow(remove, i), ActionSchemas.TOMBSTONE);
          fields.put("dataChange", false);
          out.add(Json.toJson(Map.of(ActionSchemas.REMOVE_FIELD, fields)));
        }
      }
    }
    return out;
  }
}
