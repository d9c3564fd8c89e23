package dev.keel.kernel.internal.changes;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.FileStream;
import dev.keel.kernel.FileStreamBuilder;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionReaders;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.engine.ForwardingEngine;
import dev.keel.kernel.internal.features.TableFeatures;
import dev.keel.kernel.internal.replay.LogFiles;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.scan.ScanImpl;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FileStream}: the starting snapshot's files through its scan, then each commit's adds
 * (with {@code dataChange}) through the same scan's partition pruning and data skipping, one commit
 * per step, bounded by files and bytes.
 */
public final class FileStreamImpl implements FileStream {
  private static final StructType COMMIT_SCHEMA =
      ActionSchemas.of(
          ActionSchemas.ADD_FIELD,
          ActionSchemas.REMOVE_FIELD,
          ActionSchemas.METADATA_FIELD,
          ActionSchemas.PROTOCOL_FIELD);

  private final String tablePath;
  private final ScanImpl scan;
  private final StructType schema;
  private final boolean ignoreDeletes;
  private final boolean ignoreChanges;
  private final int maxFiles;
  private final long maxBytes;
  private StreamPosition position;

  private FileStreamImpl(
      String tablePath,
      ScanImpl scan,
      StructType schema,
      StreamPosition position,
      boolean ignoreDeletes,
      boolean ignoreChanges,
      int maxFiles,
      long maxBytes) {
    this.tablePath = tablePath;
    this.scan = scan;
    this.schema = schema;
    this.position = position;
    this.ignoreDeletes = ignoreDeletes;
    this.ignoreChanges = ignoreChanges;
    this.maxFiles = maxFiles;
    this.maxBytes = maxBytes;
  }

  /**
   * @return a builder for a stream of the table at {@code tablePath} (resolved)
   */
  public static FileStreamBuilder builder(String tablePath) {
    return new Builder(
        tablePath, null, Optional.empty(), Optional.empty(), false, false, 1000, Long.MAX_VALUE);
  }

  private static final class Builder implements FileStreamBuilder {
    private final String tablePath;
    private final StreamPosition start;
    private final Optional<Predicate> filter;
    private final Optional<StructType> readSchema;
    private final boolean ignoreDeletes;
    private final boolean ignoreChanges;
    private final int maxFiles;
    private final long maxBytes;

    Builder(
        String tablePath,
        StreamPosition start,
        Optional<Predicate> filter,
        Optional<StructType> readSchema,
        boolean ignoreDeletes,
        boolean ignoreChanges,
        int maxFiles,
        long maxBytes) {
      this.tablePath = tablePath;
      this.start = start;
      this.filter = filter;
      this.readSchema = readSchema;
      this.ignoreDeletes = ignoreDeletes;
      this.ignoreChanges = ignoreChanges;
      this.maxFiles = maxFiles;
      this.maxBytes = maxBytes;
    }

    @Override
    public FileStreamBuilder startingAt(StreamPosition position) {
      return new Builder(
          tablePath,
          requireNonNull(position, "position is null"),
          filter,
          readSchema,
          ignoreDeletes,
          ignoreChanges,
          maxFiles,
          maxBytes);
    }

    @Override
    public FileStreamBuilder withFilter(Predicate f) {
      return new Builder(
          tablePath,
          start,
          Optional.of(requireNonNull(f, "filter is null")),
          readSchema,
          ignoreDeletes,
          ignoreChanges,
          maxFiles,
          maxBytes);
    }

    @Override
    public FileStreamBuilder withReadSchema(StructType s) {
      return new Builder(
          tablePath,
          start,
          filter,
          Optional.of(requireNonNull(s, "readSchema is null")),
          ignoreDeletes,
          ignoreChanges,
          maxFiles,
          maxBytes);
    }

    @Override
    public FileStreamBuilder ignoreDeletes(boolean ignore) {
      return new Builder(
          tablePath, start, filter, readSchema, ignore, ignoreChanges, maxFiles, maxBytes);
    }

    @Override
    public FileStreamBuilder ignoreChanges(boolean ignore) {
      return new Builder(
          tablePath, start, filter, readSchema, ignoreDeletes, ignore, maxFiles, maxBytes);
    }

    @Override
    public FileStreamBuilder maxFilesPerStep(int files) {
      if (files < 1) {
        throw new IllegalArgumentException("maxFilesPerStep must be at least 1, got " + files);
      }
      return new Builder(
          tablePath, start, filter, readSchema, ignoreDeletes, ignoreChanges, files, maxBytes);
    }

    @Override
    public FileStreamBuilder maxBytesPerStep(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBytesPerStep must be at least 1, got " + bytes);
      }
      return new Builder(
          tablePath, start, filter, readSchema, ignoreDeletes, ignoreChanges, maxFiles, bytes);
    }

    @Override
    public FileStream build(Engine engine) {
      SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
      StreamPosition from = start != null ? start : StreamPosition.atSnapshot(latest.getVersion());
      // the table as the stream starts: the snapshot itself, or the first commit's version (its
      // files were written with its schema), or the latest when the stream starts past it
      long at = Math.min(from.getVersion(), latest.getVersion());
      SnapshotImpl snapshot = SnapshotLoader.atVersion(engine, latest, at);
      ScanBuilder b = snapshot.getScanBuilder();
      if (filter.isPresent()) {
        b = b.withFilter(filter.get());
      }
      if (readSchema.isPresent()) {
        b = b.withReadSchema(readSchema.get());
      }
      return new FileStreamImpl(
          tablePath,
          (ScanImpl) b.build(),
          snapshot.getSchema(),
          from,
          ignoreDeletes,
          ignoreChanges,
          maxFiles,
          maxBytes);
    }
  }

  @Override
  public ScanState getScanState() {
    return scan.getScanState();
  }

  @Override
  public Optional<Predicate> getRemainingFilter() {
    return scan.getRemainingFilter();
  }

  @Override
  public StreamPosition getPosition() {
    return position;
  }

  /** A step's result. */
  private record StepImpl(List<Row> getFiles, StreamPosition getNextPosition, boolean isCaughtUp)
      implements Step {}

  @Override
  public Step next(Engine engine) {
    if (position.isInSnapshot()) {
      // one log file at a time, so the listing comes in the same order every time and a
      // position inside it means the same files after a restart
      Engine inOrder =
          new ForwardingEngine(
              engine,
              engine.getFileSystemClient(),
              engine.getJsonHandler(),
              engine.getParquetHandler(),
              engine.getExpressionHandler()) {
            @Override
            public int getLogReadParallelism() {
              return 1;
            }
          };
      return take(scan.getScanFiles(inOrder), StreamPosition.atCommit(position.getVersion() + 1));
    }
    long version = position.getVersion();
    Optional<FileStatus> commit = commitFile(engine, version);
    if (commit.isEmpty()) {
      long[] bounds = CommitRange.bounds(engine, tablePath);
      if (bounds[1] < version) {
        return new StepImpl(List.of(), position, true);
      }
      if (bounds[0] > version) {
        throw Errors.rangeRemovedFromLog("files", tablePath, version, bounds[0]);
      }
      // a writer may have committed this version and later ones between the two looks: look
      // again before calling it a gap in the log
      commit = commitFile(engine, version);
      if (commit.isEmpty()) {
        throw Errors.nonContiguousLog(tablePath, -1, List.of(version));
      }
    }
    // the commit's removes, metadata and protocol, checked before any of its files is handed out
    boolean removesData = false;
    boolean addsData = false;
    try (CloseableIterator<LogFiles.ActionBatch> actions =
        LogFiles.commitsInOrder(engine, List.of(commit.get()), COMMIT_SCHEMA)) {
      while (actions.hasNext()) {
        try (LogFiles.ActionBatch ab = actions.next()) {
          ColumnarBatch b = ab.batch;
          ColumnVector add = b.getColumnVector(0);
          ColumnVector remove = b.getColumnVector(1);
          ColumnVector metadata = b.getColumnVector(2);
          ColumnVector protocol = b.getColumnVector(3);
          for (int i = 0; i < b.getSize(); i++) {
            if (!remove.isNullAt(i)
                && (remove.getChild(2).isNullAt(i) || remove.getChild(2).getBoolean(i))) {
              removesData = true;
            }
            if (!add.isNullAt(i) && dataChange(add, i)) {
              addsData = true;
            }
            if (!protocol.isNullAt(i)) {
              TableFeatures.checkReadable(tablePath, ActionReaders.protocol(protocol, i, ab.path));
            }
            if (!metadata.isNullAt(i) && ActionReaders.hasSchemaString(metadata, i)) {
              StructType changed = ActionReaders.metadata(metadata, i).getSchema();
              Optional<String> why =
                  ChangeDataFeed.incompatibility(changed, schema, "the stream's start");
              if (why.isEmpty()) {
                why = ChangeDataFeed.incompatibility(schema, changed, "version " + version);
              }
              if (why.isPresent()) {
                throw Errors.streamSchemaChanged(tablePath, version, why.get());
              }
            }
          }
        }
      }
    }
    if (removesData && !ignoreChanges && !(ignoreDeletes && !addsData)) {
      throw Errors.streamDataRemoved(tablePath, version);
    }
    CloseableIterator<FilteredColumnarBatch> added =
        LogFiles.commitsInOrder(
                engine, List.of(commit.get()), ActionSchemas.of(ActionSchemas.ADD_FIELD))
            .map(ab -> addedFiles(engine, ab));
    return take(scan.filterFiles(engine, added), StreamPosition.atCommit(version + 1));
  }

  private static boolean dataChange(ColumnVector add, int row) {
    ColumnVector dc = add.getChild(4);
    return dc.isNullAt(row) || dc.getBoolean(row);
  }

  /** A batch of a commit's add actions as scan files, the ones with {@code dataChange} selected. */
  private static FilteredColumnarBatch addedFiles(Engine engine, LogFiles.ActionBatch ab) {
    ColumnarBatch batch = ab.batch;
    ColumnVector add = batch.getColumnVector(0);
    int n = batch.getSize();
    boolean[] selected = new boolean[n];
    for (int i = 0; i < n; i++) {
      selected[i] =
          !add.isNullAt(i) && !add.getChild(ScanFile.PATH).isNullAt(i) && dataChange(add, i);
    }
    List<ColumnVector> columns = new ArrayList<>();
    for (int c = 0; c < ScanFile.SCHEMA.length(); c++) {
      columns.add(add.getChild(c));
    }
    return new FilteredColumnarBatch(
        new Batches.VectorBatch(ScanFile.SCHEMA, columns, n, List.of(batch)),
        Optional.of(engine.getExpressionHandler().createSelectionVector(selected, 0, n)));
  }

  /**
   * Skips the files of this version already handed out, takes up to the bounds, and moves the
   * position: within the version when files are left, else to {@code after}.
   */
  private Step take(CloseableIterator<FilteredColumnarBatch> files, StreamPosition after) {
    List<Row> out = new ArrayList<>();
    long seen = 0;
    long bytes = 0;
    boolean more = false;
    try (files) {
      outer:
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            if (seen++ < position.getIndex()) {
              continue;
            }
            long size = r.getLong(ScanFile.SIZE);
            if (out.size() >= maxFiles || (!out.isEmpty() && bytes + size > maxBytes)) {
              more = true;
              break outer;
            }
            out.add(ScanFileCodec.detach(r));
            bytes += size;
          }
        }
      }
    }
    StreamPosition next =
        more
            ? StreamPosition.of(
                position.getVersion(), position.getIndex() + out.size(), position.isInSnapshot())
            : after;
    position = next;
    return new StepImpl(List.copyOf(out), next, false);
  }

  private Optional<FileStatus> commitFile(Engine engine, long version) {
    String path =
        dev.keel.kernel.internal.log.FileNames.deltaFile(
            dev.keel.kernel.internal.log.FileNames.logDir(tablePath), version);
    try {
      return Optional.of(engine.getFileSystemClient().getFileStatus(path));
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (java.io.IOException e) {
      throw Errors.engineFailure("read the status of", path, e);
    }
  }

  @Override
  public String toString() {
    return "FileStream{table=" + tablePath + ", position=" + position + "}";
  }
}
