package dev.keel.kernel.internal.changes;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The commit files of a range of versions, found by one listing of the log and checked. */
final class CommitRange {
  final long start;
  final long end;
  final List<FileStatus> files;

  private CommitRange(long start, long end, List<FileStatus> files) {
    this.start = start;
    this.end = end;
    this.files = files;
  }

  /**
   * @param what what is read of the range, for messages: {@code changes}, {@code commits}
   * @param end the last version, or empty for the latest
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the range starts after its end
   *     or ends after the latest commit, or its first commits were removed from the log
   * @throws dev.keel.kernel.exceptions.InvalidTableException if a commit inside the range is
   *     missing
   */
  static CommitRange list(
      Engine engine, String what, String tablePath, long start, Optional<Long> end) {
    List<FileStatus> deltas = deltas(engine, tablePath);
    long earliest = version(deltas.get(0));
    long latest = version(deltas.get(deltas.size() - 1));
    long last = end.orElse(latest);
    if (last > latest) {
      throw Errors.rangeAfterLatest(what, tablePath, last, latest);
    }
    if (start > last) {
      throw Errors.rangeStartAfterEnd(what, tablePath, start, last);
    }
    if (earliest > start) {
      throw Errors.rangeRemovedFromLog(what, tablePath, start, earliest);
    }
    List<FileStatus> out = new ArrayList<>();
    List<Long> missing = new ArrayList<>();
    long expected = start;
    for (FileStatus f : deltas) {
      long v = version(f);
      if (v < start || v > last) {
        continue;
      }
      while (expected < v) {
        missing.add(expected++);
      }
      out.add(f);
      expected = v + 1;
    }
    while (expected <= last) {
      missing.add(expected++);
    }
    if (!missing.isEmpty()) {
      throw Errors.nonContiguousLog(tablePath, -1, missing);
    }
    return new CommitRange(start, last, out);
  }

  /**
   * @return the earliest and latest commit versions in the log, {@code [earliest, latest]}
   * @throws dev.keel.kernel.exceptions.TableNotFoundException if the log has no commit
   */
  static long[] bounds(Engine engine, String tablePath) {
    List<FileStatus> deltas = deltas(engine, tablePath);
    return new long[] {version(deltas.get(0)), version(deltas.get(deltas.size() - 1))};
  }

  /** Every commit file of the log, in version order; at least one. */
  private static List<FileStatus> deltas(Engine engine, String tablePath) {
    String logDir = FileNames.logDir(tablePath);
    List<FileStatus> deltas = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        engine.getFileSystemClient().listFrom(FileNames.listingPrefix(logDir, 0))) {
      while (it.hasNext()) {
        FileStatus f = it.next();
        if (FileNames.parse(f.getName()).kind == FileNames.Kind.DELTA) {
          deltas.add(f);
        }
      }
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw Errors.tableNotFound(tablePath, "there is no _delta_log directory");
    } catch (IOException e) {
      throw Errors.engineFailure("list", logDir, e);
    }
    if (deltas.isEmpty()) {
      throw Errors.tableNotFound(tablePath, "the _delta_log directory has no commit files");
    }
    return deltas;
  }

  static long version(FileStatus f) {
    return FileNames.parse(f.getName()).version;
  }
}
