package dev.keel.kernel.internal.replay;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.internal.util.ReadAhead;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the action batches of a log segment, newest first: each commit file (descending version),
 * then the checkpoint's parts, then the sidecars its V2 manifest names. Each batch comes with the
 * version and kind of the file it was read from.
 */
public final class LogFiles {
  private LogFiles() {}

  /** One batch of actions and where it came from. Closing it closes the batch. */
  public static final class ActionBatch implements AutoCloseable {
    public final ColumnarBatch batch;
    public final long version;
    public final boolean fromCheckpoint;
    public final String path;

    ActionBatch(ColumnarBatch batch, long version, boolean fromCheckpoint, String path) {
      this.batch = batch;
      this.version = version;
      this.fromCheckpoint = fromCheckpoint;
      this.path = path;
    }

    @Override
    public void close() {
      batch.close();
    }
  }

  static boolean isJson(String path) {
    return path.endsWith(".json");
  }

  /** Reads one file (JSON or Parquet by its name) with {@code schema}. */
  static CloseableIterator<FileReadResult> read(Engine engine, FileStatus file, StructType schema) {
    try {
      if (isJson(file.getPath())) {
        return engine
            .getJsonHandler()
            .readJsonFiles(CloseableIterator.of(List.of(file)), schema, Optional.empty());
      }
      return engine
          .getParquetHandler()
          .readParquetFiles(CloseableIterator.of(List.of(file)), schema, Optional.empty());
    } catch (IOException e) {
      throw Errors.engineFailure("read", file.getPath(), e);
    }
  }

  /**
   * Commit files in the given order, read with {@code schema}, several at once on the engine's
   * executor (each file's batches in order, files in order).
   */
  public static CloseableIterator<ActionBatch> commitsInOrder(
      Engine engine, List<FileStatus> files, StructType schema) {
    return read(engine, files, schema);
  }

  /** The commit files of the segment, newest first, read with {@code schema}. */
  public static CloseableIterator<ActionBatch> commits(
      Engine engine, LogSegment segment, StructType schema) {
    return read(engine, newestFirst(segment.deltas), schema);
  }

  /** How many batches each checkpoint file read in the background may be ahead of the replay. */
  private static final int CHECKPOINT_READ_AHEAD_BATCHES = 4;

  /** How many of the newest commits a pass that usually stops early reads before it reads ahead. */
  static final int READ_AHEAD_AFTER = 8;

  /**
   * The given commit files (ascending) newest first, for passes that usually stop early (protocol
   * and metadata): the newest {@value #READ_AHEAD_AFTER} one at a time, so a pass that ends there
   * reads no older file; the rest, if the pass gets that far, in parallel like {@link #commits}.
   */
  public static CloseableIterator<ActionBatch> commitsOneByOne(
      Engine engine, List<FileStatus> ascending, StructType schema) {
    List<FileStatus> newest = newestFirst(ascending);
    if (newest.size() <= READ_AHEAD_AFTER) {
      return read(engine, newest, schema, false, -1, 1);
    }
    return concat(
        read(engine, newest.subList(0, READ_AHEAD_AFTER), schema, false, -1, 1),
        lazy(
            () ->
                read(
                    engine,
                    newest.subList(READ_AHEAD_AFTER, newest.size()),
                    schema,
                    false,
                    -1,
                    engine.getLogReadParallelism())));
  }

  /**
   * The commits of the segment newest first, with each usable compaction file standing in for the
   * commits it covers: fewer files for the same actions (file replay only; a compaction file has no
   * commitInfo).
   */
  public static CloseableIterator<ActionBatch> commitsWithCompactions(
      Engine engine, LogSegment segment, StructType schema) {
    if (segment.compactions.isEmpty()) {
      return commits(engine, segment, schema);
    }
    List<FileStatus> units = new ArrayList<>();
    int next = 0;
    for (FileStatus c : segment.compactions) {
      FileNames.Parsed p = FileNames.parse(c.getName());
      while (next < segment.deltas.size()
          && FileNames.parse(segment.deltas.get(next).getName()).version < p.startVersion) {
        units.add(segment.deltas.get(next++));
      }
      units.add(c);
      while (next < segment.deltas.size()
          && FileNames.parse(segment.deltas.get(next).getName()).version <= p.version) {
        next++;
      }
    }
    while (next < segment.deltas.size()) {
      units.add(segment.deltas.get(next++));
    }
    return read(engine, newestFirst(units), schema);
  }

  private static List<FileStatus> newestFirst(List<FileStatus> files) {
    List<FileStatus> out = new ArrayList<>(files);
    Collections.reverse(out);
    return out;
  }

  private static CloseableIterator<ActionBatch> read(
      Engine engine, List<FileStatus> files, StructType schema) {
    return read(engine, files, schema, false, -1, engine.getLogReadParallelism());
  }

  /**
   * Reads files; with a log read parallelism above 1, on background threads, several at once.
   * Commit files ({@code fromCheckpoint} false) come out in the given order, each read whole ahead
   * of the replay (they are small); checkpoint parts and sidecars, whose order does not matter,
   * come out as they are read, each at most a few batches ahead of the replay, so a large
   * checkpoint is decoded while the replay consumes it without being held in memory.
   *
   * @param checkpointVersion the version of checkpoint files, or -1 for commit files
   */
  private static CloseableIterator<ActionBatch> read(
      Engine engine,
      List<FileStatus> files,
      StructType schema,
      boolean fromCheckpoint,
      long checkpointVersion,
      int parallelism) {
    java.util.function.Function<FileStatus, CloseableIterator<ActionBatch>> open =
        f -> {
          long v = fromCheckpoint ? checkpointVersion : FileNames.parse(f.getName()).version;
          return read(engine, f, schema)
              .map(r -> new ActionBatch(r.getData(), v, fromCheckpoint, f.getPath()));
        };
    if (files.isEmpty() || parallelism <= 1 || (!fromCheckpoint && files.size() == 1)) {
      return CloseableIterator.of(files).flatMap(open);
    }
    if (fromCheckpoint) {
      return ReadAhead.interleaved(
          engine.getExecutor(),
          CloseableIterator.of(files),
          parallelism,
          CHECKPOINT_READ_AHEAD_BATCHES,
          open);
    }
    // Small commits are read a group at a time by one background thread: handing each file to a
    // thread of its own would cost more than reading it.
    return ReadAhead.ordered(
        engine.getExecutor(),
        CloseableIterator.of(groups(files)),
        parallelism,
        group -> commitGroup(engine, group, schema));
  }

  /**
   * Commit files read with one call to the JSON handler, which may read small files together (the
   * default engine puts their rows in one set of vectors), each batch with its file's version.
   */
  private static CloseableIterator<ActionBatch> commitGroup(
      Engine engine, List<FileStatus> files, StructType schema) {
    Map<String, Long> versions = new HashMap<>();
    for (FileStatus f : files) {
      versions.put(f.getPath(), FileNames.parse(f.getName()).version);
    }
    CloseableIterator<FileReadResult> results;
    try {
      results =
          engine
              .getJsonHandler()
              .readJsonFiles(CloseableIterator.of(files), schema, Optional.empty());
    } catch (IOException e) {
      throw Errors.engineFailure("read", files.get(0).getPath(), e);
    }
    return results.map(
        r -> {
          Long v = versions.get(r.getFilePath());
          if (v == null) { // a handler that names the file its own way, e.g. qualified
            String path = r.getFilePath();
            FileNames.Parsed p = FileNames.parse(path.substring(path.lastIndexOf('/') + 1));
            if (p.kind != FileNames.Kind.DELTA && p.kind != FileNames.Kind.COMPACTION) {
              r.close();
              throw Errors.unknownResultPath("JSON handler", path, files.get(0).getPath());
            }
            v = p.version;
          }
          return new ActionBatch(r.getData(), v, false, r.getFilePath());
        });
  }

  /** At most this many commit files are read by one background task... */
  static final int GROUP_FILES = 64;

  /** ...and at most about this many bytes of them. */
  static final long GROUP_BYTES = 1 << 20;

  /**
   * Consecutive files in groups of at most {@value #GROUP_FILES} files and about {@value
   * #GROUP_BYTES} bytes.
   */
  static List<List<FileStatus>> groups(List<FileStatus> files) {
    List<List<FileStatus>> out = new ArrayList<>();
    List<FileStatus> group = new ArrayList<>();
    long bytes = 0;
    for (FileStatus f : files) {
      if (!group.isEmpty() && (group.size() == GROUP_FILES || bytes + f.getSize() > GROUP_BYTES)) {
        out.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(f);
      bytes += f.getSize();
    }
    if (!group.isEmpty()) {
      out.add(group);
    }
    return out;
  }

  /**
   * The checkpoint of the segment read with {@code schema}, and then every sidecar that its (V2)
   * manifest references, read with {@code schema} as well.
   */
  public static CloseableIterator<ActionBatch> checkpoint(
      Engine engine, LogSegment segment, StructType schema) {
    return checkpoint(engine, segment, schema, true);
  }

  /**
   * @param withSidecars whether to read the sidecars too; protocol, metadata, txn and domain
   *     metadata live in the top-level checkpoint file, file actions in the sidecars
   */
  public static CloseableIterator<ActionBatch> checkpoint(
      Engine engine, LogSegment segment, StructType schema, boolean withSidecars) {
    if (segment.checkpoint.isEmpty()) {
      return CloseableIterator.empty();
    }
    long v = segment.checkpointVersion;
    boolean hasSidecarColumn = schema.indexOf(ActionSchemas.SIDECAR_FIELD) >= 0;
    StructType withSidecar =
        hasSidecarColumn
            ? schema
            : schema.add(new StructField(ActionSchemas.SIDECAR_FIELD, ActionSchemas.SIDECAR, true));
    int sidecarOrdinal = withSidecar.indexOf(ActionSchemas.SIDECAR_FIELD);
    List<String> sidecars = new ArrayList<>();
    CloseableIterator<ActionBatch> parts =
        read(engine, segment.checkpoint, withSidecar, true, v, engine.getLogReadParallelism())
            .map(
                ab -> {
                  ColumnarBatch b = ab.batch;
                  ColumnVector sidecar = b.getColumnVector(sidecarOrdinal);
                  for (int i = 0; i < b.getSize(); i++) {
                    if (!sidecar.isNullAt(i) && !sidecar.getChild(0).isNullAt(i)) {
                      sidecars.add(sidecar.getChild(0).getString(i));
                    }
                  }
                  return hasSidecarColumn
                      ? ab
                      : new ActionBatch(b.withDeletedColumnAt(sidecarOrdinal), v, true, ab.path);
                });
    CloseableIterator<ActionBatch> sidecarBatches =
        lazy(
            () -> {
              List<FileStatus> files = new ArrayList<>();
              for (String s : sidecars) {
                String path =
                    s.contains(":") || s.startsWith("/")
                        ? s
                        : segment.logDir + "/" + FileNames.SIDECAR_DIR + "/" + s;
                try {
                  files.add(engine.getFileSystemClient().getFileStatus(path));
                } catch (FileNotFoundException | NoSuchFileException e) {
                  throw Errors.missingSidecar(segment.tablePath, path);
                } catch (IOException e) {
                  throw Errors.engineFailure("read the status of", path, e);
                }
              }
              return read(engine, files, schema, true, v, engine.getLogReadParallelism());
            });
    return withSidecars ? concat(parts, sidecarBatches) : parts;
  }

  /** Commits newest first, then the checkpoint. */
  public static CloseableIterator<ActionBatch> all(
      Engine engine, LogSegment segment, StructType schema) {
    return concat(
        commits(engine, segment, schema), lazy(() -> checkpoint(engine, segment, schema)));
  }

  static <T> CloseableIterator<T> lazy(java.util.function.Supplier<CloseableIterator<T>> supplier) {
    return CloseableIterator.of(List.of(0)).flatMap(ignored -> supplier.get());
  }

  @SuppressWarnings("unchecked")
  static <T> CloseableIterator<T> concat(CloseableIterator<T> first, CloseableIterator<T> second) {
    return CloseableIterator.of(List.of(first, second)).flatMap(it -> (CloseableIterator<T>) it);
  }
}
