package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;

/**
 * The change data feed of a range of commits, ready to read. A commit that wrote change data files
 * ({@code cdc} actions) is read from those files only; any other commit yields the rows of its
 * added files as inserts and of its removed files as deletes (only actions with {@code dataChange}
 * true), and a file given a new deletion vector yields the rows that vector newly deletes as
 * deletes (and rows it no longer deletes as inserts). Rows come in no particular order.
 */
@Evolving
public interface Changes {
  /**
   * The change type column: {@code insert}, {@code delete}, {@code update_preimage}, {@code
   * update_postimage}.
   */
  String CHANGE_TYPE = "_change_type";

  /** The commit version column (long). */
  String COMMIT_VERSION = "_commit_version";

  /**
   * The commit timestamp column (timestamp): the in-commit timestamp where the table has them, else
   * the commit file's modification time.
   */
  String COMMIT_TIMESTAMP = "_commit_timestamp";

  /**
   * @return the part of the builder's filter that is not applied by skipping files
   */
  java.util.Optional<dev.keel.kernel.expressions.Predicate> getRemainingFilter();

  /**
   * @return the first commit read
   */
  long getStartVersion();

  /**
   * @return the last commit read
   */
  long getEndVersion();

  /**
   * @return the columns of the rows: the read schema, then {@code _change_type}, {@code
   *     _commit_version}, {@code _commit_timestamp}
   */
  StructType getSchema();

  /**
   * The distributed form, step one (on a coordinator): what {@link #readData} reads, one JSON
   * object per file (change data files, added and removed files, deletion vector changes), with its
   * commit's version and timestamp. Deletion vectors are read here, where a file's vector changed.
   *
   * @param engine the engine
   * @return the change files, to ship with {@link #getStateJson()} to workers
   */
  java.util.List<String> getChangeFiles(Engine engine);

  /**
   * @return what a worker needs besides a change file: the read states, as JSON
   */
  String getStateJson();

  /**
   * The distributed form, step two (on a worker): reads one change file.
   *
   * @param engine the worker's engine
   * @param stateJson what {@link #getStateJson()} returned
   * @param changeFileJson one of {@link #getChangeFiles}
   * @return rows of {@link #getSchema()}; the caller closes the iterator and each batch
   * @throws dev.keel.kernel.exceptions.KernelException if the JSON was not written by these
   *     methods, or the file cannot be read
   */
  static CloseableIterator<FilteredColumnarBatch> readChangeFile(
      Engine engine, String stateJson, String changeFileJson) {
    return dev.keel.kernel.internal.changes.ChangeDataFeed.readChangeFile(
        engine, stateJson, changeFileJson);
  }

  /**
   * Reads the changes.
   *
   * @param engine the engine
   * @return batches of {@link #getSchema()}; the caller closes the iterator and each batch, and
   *     reads only selected rows
   * @throws dev.keel.kernel.exceptions.KernelException if a data or change data file cannot be read
   */
  CloseableIterator<FilteredColumnarBatch> readData(Engine engine);
}
