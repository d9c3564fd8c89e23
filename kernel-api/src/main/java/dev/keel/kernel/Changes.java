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
   * Reads the changes.
   *
   * @param engine the engine
   * @return batches of {@link #getSchema()}; the caller closes the iterator and each batch, and
   *     reads only selected rows
   * @throws dev.keel.kernel.exceptions.KernelException if a data or change data file cannot be read
   */
  CloseableIterator<FilteredColumnarBatch> readData(Engine engine);
}
