package dev.keel.kernel.internal.replay;

import dev.keel.kernel.engine.Engine;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Which action rows of a snapshot's log files one full replay selected as live files: one bit per
 * row of every file it read (commits, compactions, checkpoint parts, sidecars), by the row's
 * position in its file. Listing the same snapshot again then needs no reconciliation: the files are
 * read again (their rows are never kept) and each row's selection is looked up, with no key set to
 * build. Log files never change and an engine returns a file's rows in file order, so a position
 * names the same row every time; the record is used only with the engine that made it.
 *
 * <p>Costs about one bit per action row plus ~100 bytes per file read. Built by a listing that
 * reads every file to its end ({@link Builder}), immutable afterwards, so listings on several
 * threads may share it.
 */
final class LiveRows {
  /** A file's selection bits and how many rows it has. */
  private static final class FileBits {
    long[] words = new long[1];
    int rows;

    void append(boolean[] selected, int n) {
      int needed = (rows + n + 63) >>> 6;
      if (needed > words.length) {
        words = java.util.Arrays.copyOf(words, Math.max(needed, 2 * words.length));
      }
      for (int i = 0; i < n; i++) {
        if (selected[i]) {
          int bit = rows + i;
          words[bit >>> 6] |= 1L << bit;
        }
      }
      rows += n;
    }
  }

  private final WeakReference<Engine> engine;
  private final Map<String, FileBits> files;

  private LiveRows(Engine engine, Map<String, FileBits> files) {
    this.engine = new WeakReference<>(engine);
    this.files = files;
  }

  /**
   * @return whether this record was made by listing with {@code engine}
   */
  boolean isFor(Engine engine) {
    return this.engine.get() == engine;
  }

  /**
   * @return about how many bytes of heap this record keeps
   */
  long estimatedBytes() {
    long bytes = 64;
    for (Map.Entry<String, FileBits> e : files.entrySet()) {
      bytes += 100 + 2L * e.getKey().length() + 8L * e.getValue().words.length;
    }
    return bytes;
  }

  /** A pass over the files that reads the selections in order; one per listing, not thread-safe. */
  Cursor cursor() {
    return new Cursor();
  }

  final class Cursor {
    private final Map<String, int[]> positions = new HashMap<>();

    /**
     * Fills {@code selected[0, n)} with the selections of the next {@code n} rows of {@code path}.
     *
     * @throws IllegalStateException when the file has more rows than when the record was made,
     *     which would mean a log file changed
     */
    void next(String path, boolean[] selected, int n) {
      FileBits bits = files.get(path);
      int[] position = positions.computeIfAbsent(path, p -> new int[1]);
      int from = position[0];
      if (bits == null || from + n > bits.rows) {
        throw new IllegalStateException(
            "Log file "
                + path
                + " has more rows (at least "
                + (from + n)
                + ") than when this snapshot's files were first listed ("
                + (bits == null ? 0 : bits.rows)
                + "); a log file must never change once written.");
      }
      long[] words = bits.words;
      for (int i = 0; i < n; i++) {
        int bit = from + i;
        selected[i] = (words[bit >>> 6] & (1L << bit)) != 0;
      }
      position[0] = from + n;
    }
  }

  /**
   * Records one listing's selections; {@link #build} once the listing has read every file to its
   * end.
   */
  static final class Builder {
    private final Engine engine;
    private final Map<String, FileBits> files = new HashMap<>();

    Builder(Engine engine) {
      this.engine = engine;
    }

    /** Records the selections of the next {@code n} rows of {@code path}. */
    void record(String path, boolean[] selected, int n) {
      files.computeIfAbsent(path, p -> new FileBits()).append(selected, n);
    }

    LiveRows build() {
      return new LiveRows(engine, files);
    }
  }
}
