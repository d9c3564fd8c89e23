package dev.keel.kernel.internal.replay;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.NullColumnVector;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams the live files of a snapshot. Commit files (and compaction files standing for ranges of
 * them) are read newest first with their add and remove actions; an add is live unless a newer
 * commit, or an earlier row of the same file, added or removed the same key. The checkpoint comes
 * last and holds reconciled adds only, so its removes are not read and its keys are not remembered.
 * Only the keys of commit actions are kept in memory, never the rows; with a {@link Memo}, a
 * snapshot's later listings skip the keys altogether (see {@link LiveRows}).
 */
public final class FileReplay {
  private FileReplay() {}

  private static final StructType COMMIT_SCHEMA =
      ActionSchemas.of(ActionSchemas.ADD_FIELD, ActionSchemas.REMOVE_FIELD);
  private static final StructType CHECKPOINT_SCHEMA = ActionSchemas.of(ActionSchemas.ADD_FIELD);

  /**
   * The column a checkpoint's structured statistics come in; a listing that asks for them ({@code
   * statsParsedSchema}) gets it after the scan file columns, for the batches read from a
   * checkpoint.
   */
  public static final String STATS_PARSED = "stats_parsed";

  /** The add action without {@code stats}, for listings that do not want statistics. */
  private static final StructType ADD_WITHOUT_STATS =
      new StructType(
          ScanFile.SCHEMA.getFields().stream().filter(f -> !f.getName().equals("stats")).toList());

  private static final StructType COMMIT_SCHEMA_WITHOUT_STATS =
      new StructType(
          List.of(
              new StructField(ActionSchemas.ADD_FIELD, ADD_WITHOUT_STATS, true),
              COMMIT_SCHEMA.at(1)));
  private static final StructType CHECKPOINT_SCHEMA_WITHOUT_STATS =
      new StructType(List.of(new StructField(ActionSchemas.ADD_FIELD, ADD_WITHOUT_STATS, true)));

  public static CloseableIterator<FilteredColumnarBatch> liveFiles(
      Engine engine, LogSegment segment) {
    return liveFiles(engine, segment, Optional.empty());
  }

  /**
   * @param statsParsedSchema when present, checkpoint adds are read with {@code stats_parsed} of
   *     this shape, and a file whose {@code stats} JSON is absent gets it written from the struct
   */
  public static CloseableIterator<FilteredColumnarBatch> liveFiles(
      Engine engine, LogSegment segment, Optional<StructType> statsParsedSchema) {
    return liveFiles(engine, segment, statsParsedSchema, true, null);
  }

  /**
   * A snapshot's remembered replay: empty until one of its listings reads every log file to the
   * end, then which rows of each file are live files (see {@link LiveRows}), so that later listings
   * with the same engine read the files without reconciling keys. Thread-safe.
   */
  public static final class Memo {
    private final AtomicReference<LiveRows> rows = new AtomicReference<>();

    /**
     * @return about how many bytes of heap the remembered selections keep (0 before the first full
     *     listing)
     */
    public long estimatedBytes() {
      LiveRows r = rows.get();
      return r == null ? 0 : r.estimatedBytes();
    }
  }

  /**
   * @param withStats false to read the add actions without {@code stats} (the column is then null
   *     in the result, and {@code statsParsedSchema} is ignored)
   * @param memo where the snapshot remembers its replay, or null to remember nothing: once a
   *     listing has read every file, the next ones with the same engine use what it selected
   */
  public static CloseableIterator<FilteredColumnarBatch> liveFiles(
      Engine engine,
      LogSegment segment,
      Optional<StructType> statsParsedSchema,
      boolean withStats,
      Memo memo) {
    StructType checkpointSchema =
        !withStats
            ? CHECKPOINT_SCHEMA_WITHOUT_STATS
            : statsParsedSchema
                .map(
                    s ->
                        new StructType(
                            List.of(
                                new StructField(
                                    ActionSchemas.ADD_FIELD,
                                    ScanFile.SCHEMA.add(new StructField(STATS_PARSED, s, true)),
                                    true))))
                .orElse(CHECKPOINT_SCHEMA);
    StructType commitSchema = withStats ? COMMIT_SCHEMA : COMMIT_SCHEMA_WITHOUT_STATS;
    LiveRows remembered = memo == null ? null : memo.rows.get();
    Selector commitSelector;
    Selector checkpointSelector;
    LiveRows.Builder recording = null;
    if (remembered != null && remembered.isFor(engine)) {
      LiveRows.Cursor cursor = remembered.cursor();
      commitSelector = (ab, selected) -> cursor.next(ab.path, selected, ab.batch.getSize());
      checkpointSelector = commitSelector;
    } else {
      PathKeys keys = new PathKeys(segment.tablePath);
      KeySet seen = KeySet.forCommitsOf(segment);
      recording = memo == null ? null : new LiveRows.Builder(engine);
      commitSelector =
          recorded((ab, selected) -> reconcile(ab, keys, seen, true, selected), recording);
      checkpointSelector =
          recorded((ab, selected) -> reconcile(ab, keys, seen, false, selected), recording);
    }
    CloseableIterator<FilteredColumnarBatch> commits =
        LogFiles.commitsWithCompactions(engine, segment, commitSchema)
            .map(ab -> select(engine, ab, commitSelector))
            .filter(FileReplay::nonEmptyOrClose);
    CloseableIterator<FilteredColumnarBatch> checkpoint =
        LogFiles.lazy(
            () ->
                LogFiles.checkpoint(engine, segment, checkpointSchema)
                    .map(ab -> select(engine, ab, checkpointSelector))
                    .filter(FileReplay::nonEmptyOrClose));
    CloseableIterator<FilteredColumnarBatch> all = LogFiles.concat(commits, checkpoint);
    return recording == null ? all : rememberAtEnd(all, memo, recording);
  }

  /**
   * Publishes the recorded selections once {@code files} has been read to its end (not when closed
   * early or failed).
   */
  private static CloseableIterator<FilteredColumnarBatch> rememberAtEnd(
      CloseableIterator<FilteredColumnarBatch> files, Memo memo, LiveRows.Builder recording) {
    return new CloseableIterator<FilteredColumnarBatch>() {
      @Override
      public boolean hasNext() {
        boolean more = files.hasNext();
        if (!more) {
          memo.rows.compareAndSet(null, recording.build());
        }
        return more;
      }

      @Override
      public FilteredColumnarBatch next() {
        return files.next();
      }

      @Override
      public void close() {
        files.close();
      }
    };
  }

  /** Decides which rows of a batch of actions are live files. */
  private interface Selector {
    void select(LogFiles.ActionBatch ab, boolean[] selected);
  }

  /** {@code selector}, its selections also recorded in {@code recording} when there is one. */
  private static Selector recorded(Selector selector, LiveRows.Builder recording) {
    if (recording == null) {
      return selector;
    }
    return (ab, selected) -> {
      selector.select(ab, selected);
      recording.record(ab.path, selected, ab.batch.getSize());
    };
  }

  private static boolean nonEmptyOrClose(FilteredColumnarBatch b) {
    if (b.getData().getSize() == 0 || b.getSelectedCount() == 0) {
      b.close();
      return false;
    }
    return true;
  }

  /**
   * Stages the row's key in {@code seen} for a batch lookup. A plain path (its own canonical form)
   * without a deletion vector is its own key: from a {@link Utf8Vector} its bytes go in without a
   * {@code String}.
   */
  private static void stageKey(
      KeySet seen, PathKeys keys, ColumnVector path, ColumnVector dv, int row) {
    int n = plainKeyInBuffer(seen, path, dv, row);
    if (n >= 0) {
      seen.stageBuffered(n);
    } else {
      seen.stage(keys.key(path.getString(row), dv, row));
    }
  }

  /**
   * @return the key's length once put in {@code seen}'s buffer, or -1 when it needs the string path
   */
  private static int plainKeyInBuffer(KeySet seen, ColumnVector path, ColumnVector dv, int row) {
    if (!(path instanceof Utf8Vector) || !dv.isNullAt(row)) {
      return -1;
    }
    Utf8Vector utf8 = (Utf8Vector) path;
    int n = utf8.utf8Length(row);
    byte[] b = seen.buffer(n);
    utf8.copyUtf8(row, b);
    return PathKeys.isPlain(b, n) ? n : -1;
  }

  private static final byte ADD = 1;
  private static final byte REMOVE = 2;

  /** Reconciles a batch's rows with the keys seen so far (newer actions); marks the live adds. */
  private static void reconcile(
      LogFiles.ActionBatch ab, PathKeys keys, KeySet seen, boolean isCommit, boolean[] selected) {
    ColumnarBatch batch = ab.batch;
    int n = batch.getSize();
    ColumnVector add = batch.getColumnVector(0);
    // by name: a listing without statistics reads the add action without its stats field, so
    // the fields after it sit one ordinal earlier than in ScanFile.SCHEMA
    StructType addType = (StructType) add.getDataType();
    ColumnVector addPath = add.getChild(addType.indexOf("path"));
    ColumnVector addDv = add.getChild(addType.indexOf("deletionVector"));
    // The batch's keys are staged, then looked up together (see KeySet): a row's kind is 0 when
    // it stages no key, ADD or REMOVE.
    byte[] kind = new byte[n];
    boolean[] answer = new boolean[n];
    if (isCommit) {
      // Row by row in file order, adds and removes alike: the first action on a key wins. In a
      // commit no key repeats; a compaction file lists its commits' actions newest first.
      ColumnVector remove = batch.getColumnVector(1);
      ColumnVector removePath = remove.getChild(0);
      ColumnVector removeDv = remove.getChild(3);
      for (int i = 0; i < n; i++) {
        if (!add.isNullAt(i) && !addPath.isNullAt(i)) {
          kind[i] = ADD;
          stageKey(seen, keys, addPath, addDv, i);
        } else if (!remove.isNullAt(i) && !removePath.isNullAt(i)) {
          kind[i] = REMOVE;
          stageKey(seen, keys, removePath, removeDv, i);
        }
      }
      seen.addStaged(answer);
      for (int i = 0, k = 0; i < n; i++) {
        if (kind[i] != 0) {
          selected[i] = answer[k++] && kind[i] == ADD;
        }
      }
    } else if (seen.isEmpty()) {
      for (int i = 0; i < n; i++) {
        selected[i] = !add.isNullAt(i) && !addPath.isNullAt(i);
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (!add.isNullAt(i) && !addPath.isNullAt(i)) {
          kind[i] = ADD;
          stageKey(seen, keys, addPath, addDv, i);
        }
      }
      seen.containsStaged(answer);
      for (int i = 0, k = 0; i < n; i++) {
        if (kind[i] == ADD) {
          selected[i] = !answer[k++];
        }
      }
    }
  }

  /** Every live file has a size, and none is negative: a connector reads it to plan its splits. */
  private static void checkSizes(LogFiles.ActionBatch ab, StructType addType, boolean[] selected) {
    ColumnVector add = ab.batch.getColumnVector(0);
    ColumnVector size = add.getChild(addType.indexOf("size"));
    for (int i = 0; i < selected.length; i++) {
      if (selected[i] && (size.isNullAt(i) || size.getLong(i) < 0)) {
        throw Errors.invalidFileSize(
            ab.path,
            add.getChild(addType.indexOf("path")).getString(i),
            size.isNullAt(i) ? null : size.getLong(i));
      }
    }
  }

  private static FilteredColumnarBatch select(
      Engine engine, LogFiles.ActionBatch ab, Selector selector) {
    ColumnarBatch batch = ab.batch;
    int n = batch.getSize();
    ColumnVector add = batch.getColumnVector(0);
    boolean[] selected = new boolean[n];
    StructType addType = (StructType) add.getDataType();
    try {
      selector.select(ab, selected);
      checkSizes(ab, addType, selected);
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    List<ColumnVector> columns = new ArrayList<>();
    if (addType.length() < ScanFile.STATS + 1
        || !addType.at(ScanFile.STATS).getName().equals("stats")) {
      // read without statistics: the add's columns are the scan file's but for stats, left null
      for (int c = 0, from = 0; c < ScanFile.SCHEMA.length(); c++) {
        columns.add(
            c == ScanFile.STATS ? new NullColumnVector(DataTypes.STRING, n) : add.getChild(from++));
      }
    } else {
      for (int c = 0; c < ScanFile.SCHEMA.length(); c++) {
        columns.add(add.getChild(c));
      }
    }
    StructType schema = ScanFile.SCHEMA;
    int parsed = addType.indexOf(STATS_PARSED);
    if (parsed >= 0) {
      ColumnVector stats = add.getChild(ScanFile.STATS);
      ColumnVector statsParsed = add.getChild(parsed);
      StructType parsedType = (StructType) addType.at(parsed).getDataType();
      Object[] json = new Object[n];
      for (int i = 0; i < n; i++) {
        if (selected[i]) {
          json[i] =
              !stats.isNullAt(i)
                  ? stats.getString(i)
                  : statsParsed.isNullAt(i)
                      ? null
                      : StatsFromStruct.toJson(statsParsed, i, parsedType);
        }
      }
      columns.set(
          ScanFile.STATS,
          new dev.keel.kernel.internal.data.ObjectVector(
              dev.keel.kernel.types.DataTypes.STRING, json));
      // the struct itself too, for typed statistics (ScanImpl drops it before handing files out)
      columns.add(statsParsed);
      schema = schema.add(new StructField(STATS_PARSED, parsedType, true));
    }
    ColumnarBatch files = new Batches.VectorBatch(schema, columns, n, List.of(batch));
    return new FilteredColumnarBatch(
        files, Optional.of(engine.getExpressionHandler().createSelectionVector(selected, 0, n)));
  }
}
