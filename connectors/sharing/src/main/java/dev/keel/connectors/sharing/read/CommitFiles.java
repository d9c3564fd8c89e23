package dev.keel.connectors.sharing.read;

import dev.keel.connectors.sharing.read.SharedTables.Ref;
import dev.keel.kernel.CommitActions;
import dev.keel.kernel.DeltaAction;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The file lines of a range of commits, for the change data feed and for queries from a version:
 * each commit's files with its version and time (the in-commit timestamp where the table has them),
 * and the metadata and protocol changes a streaming client asks for.
 */
final class CommitFiles {
  private CommitFiles() {}

  /** Which historical actions a range's answer names besides its files. */
  record History(boolean metadata, boolean protocol) {}

  /** One commit's answer, gathered before it is written (its kind decides which files go). */
  private static final class Commit {
    final long version;
    long time;
    boolean hasCdc;
    boolean hasMetadata;
    boolean hasProtocol;
    final List<FileAction> files = new ArrayList<>();

    Commit(long version, long time) {
      this.version = version;
      this.time = time;
    }
  }

  /**
   * The file actions of commits {@code start..end}: for the change data feed, a commit with change
   * data files yields only those; otherwise its added and removed files that change data. Each
   * commit's metadata and protocol changes are named too when the client asked for them.
   */
  static void write(
      SharedTables tables,
      Ref ref,
      String tablePath,
      ResponseLines lines,
      long start,
      long end,
      boolean changeData,
      History history)
      throws IOException {
    EnumSet<DeltaAction> kinds =
        EnumSet.of(
            DeltaAction.ADD,
            DeltaAction.REMOVE,
            DeltaAction.METADATA,
            DeltaAction.PROTOCOL,
            DeltaAction.COMMIT_INFO);
    if (changeData) {
      kinds.add(DeltaAction.CDC);
    }
    Commit commit = null;
    try (CloseableIterator<CommitActions> commits =
        tables.table(ref).getCommits(tables.engine(), start, end, kinds)) {
      while (commits.hasNext()) {
        try (CommitActions c = commits.next()) {
          if (commit == null || c.getVersion() != commit.version) {
            write(tables, ref, lines, commit, history);
            commit = new Commit(c.getVersion(), c.getTimestamp());
          }
          gather(c.getActions(), tablePath, commit);
        }
      }
    } catch (KernelException e) {
      throw SharedTables.translate(ref, e);
    }
    write(tables, ref, lines, commit, history);
  }

  /** Adds a batch of a commit's actions to what the commit answers. */
  private static void gather(ColumnarBatch batch, String tablePath, Commit commit)
      throws IOException {
    StructType schema = batch.getSchema();
    int add = schema.indexOf(DeltaAction.ADD.getFieldName());
    int remove = schema.indexOf(DeltaAction.REMOVE.getFieldName());
    int cdc = schema.indexOf(DeltaAction.CDC.getFieldName());
    int metadata = schema.indexOf(DeltaAction.METADATA.getFieldName());
    int protocol = schema.indexOf(DeltaAction.PROTOCOL.getFieldName());
    int info = schema.indexOf(DeltaAction.COMMIT_INFO.getFieldName());
    try (CloseableIterator<Row> rows = batch.getRows()) {
      while (rows.hasNext()) {
        Row row = rows.next();
        if (present(row, info)) {
          Row ci = row.getStruct(info);
          int ict = ci.getSchema().indexOf("inCommitTimestamp");
          if (ict >= 0 && !ci.isNullAt(ict)) {
            commit.time = ci.getLong(ict);
          }
        } else if (present(row, metadata)) {
          commit.hasMetadata = true;
        } else if (present(row, protocol)) {
          commit.hasProtocol = true;
        } else if (present(row, cdc)) {
          commit.hasCdc = true;
          commit.files.add(action(FileAction.Kind.CDC, row, cdc, tablePath, commit.version));
        } else if (present(row, add)) {
          commit.files.add(action(FileAction.Kind.ADD, row, add, tablePath, commit.version));
        } else if (present(row, remove)) {
          commit.files.add(action(FileAction.Kind.REMOVE, row, remove, tablePath, commit.version));
        }
      }
    }
  }

  private static boolean present(Row row, int column) {
    return column >= 0 && !row.isNullAt(column);
  }

  private static FileAction action(
      FileAction.Kind kind, Row row, int column, String tablePath, long version) {
    Row action = row.getStruct(column);
    return FileAction.of(kind, action, tablePath, action.getSchema(), version, null);
  }

  private static void write(
      SharedTables tables, Ref ref, ResponseLines lines, Commit commit, History history)
      throws IOException {
    if (commit == null) {
      return;
    }
    if ((history.metadata() && commit.hasMetadata) || (history.protocol() && commit.hasProtocol)) {
      Snapshot s = tables.atVersion(ref, commit.version);
      // the parquet format's protocol is the sharing protocol's own, which does not change
      if (history.protocol() && commit.hasProtocol && lines.isDelta()) {
        lines.protocol(s.getProtocol(), commit.version);
      }
      if (history.metadata() && commit.hasMetadata) {
        lines.metadata(s.getMetadata(), commit.version, null, null);
      }
    }
    for (FileAction f : commit.files) {
      f.timestamp = commit.time;
      if (commit.hasCdc ? f.kind == FileAction.Kind.CDC : f.dataChange) {
        lines.file(f, true);
      }
    }
  }
}
