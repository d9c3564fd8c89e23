package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Map;

/**
 * One write to a table: collect the files to add, then {@link #commit}. Not thread-safe; use one
 * per writer. Data files may be written by workers through {@link #getState()} and collected here
 * with {@link #addFiles}.
 */
@Stable
public interface Transaction {
  /**
   * @return the version the transaction read, -1 when it creates the table
   */
  long getReadVersion();

  /**
   * @return the table schema the data must match
   */
  StructType getSchema();

  /**
   * @return the partition columns
   */
  List<String> getPartitionColumns();

  /**
   * @return what a worker needs to write data files for this transaction (serializable)
   */
  TransactionState getState();

  /**
   * Writes logical data as Parquet files of one partition and adds them to this transaction.
   *
   * @param engine the engine
   * @param partitionValues a value for every partition column (empty map for unpartitioned tables)
   * @param data batches of {@link #getSchema()} without the partition columns; closed by this call
   * @return the files written
   * @throws dev.keel.kernel.exceptions.KernelException if the data does not match the schema (the
   *     message names the column), nothing is added then
   */
  List<AddFile> write(
      Engine engine, Map<String, Literal> partitionValues, CloseableIterator<ColumnarBatch> data);

  /**
   * Writes rows of the table's full logical schema, partition columns included, and adds the files
   * to this transaction: each batch's rows are grouped by their partition values and each group is
   * written as {@link #write} writes one partition (so each batch gives at least one file per
   * partition it holds; hand over large batches).
   *
   * @param engine the engine
   * @param rows batches of {@link #getSchema()}; closed by this call
   * @return the files written
   * @throws dev.keel.kernel.exceptions.KernelException if a batch does not match the schema, or a
   *     partition value cannot be written (the message names the column)
   */
  List<AddFile> writeRows(Engine engine, CloseableIterator<ColumnarBatch> rows);

  /**
   * @param files files written by workers with {@link TransactionState#writeFiles}
   */
  void addFiles(List<AddFile> files);

  /**
   * Deletes the rows for which {@code predicate} is true (SQL semantics: null is not true). Files
   * that may hold such rows are read; a file with no matching row is left alone, one with only
   * matching rows is removed. On tables with deletion vectors ({@code deletionVectors} feature and
   * {@code delta.enableDeletionVectors=true}) the other files get a new deletion vector file
   * (merged with the one they had) and are not rewritten; on other tables they are rewritten
   * without the matching rows (copy-on-write). On tables with the change data feed enabled, the
   * deleted rows of a file that keeps other rows are also written as change data ({@code cdc}
   * action, file under {@code _change_data}, {@code _change_type = 'delete'}); a removed file needs
   * none, the feed reads it as all its rows deleted.
   *
   * @param engine the engine
   * @param predicate on logical columns
   * @return the number of rows deleted
   * @throws dev.keel.kernel.exceptions.KernelException on an append-only table, or when creating a
   *     table
   */
  long delete(Engine engine, dev.keel.kernel.expressions.Predicate predicate);

  /**
   * Deletes rows by position, as an engine that read the rows with their {@link
   * dev.keel.kernel.engine.MetadataColumns#ROW_INDEX} deletes them (a SQL engine's {@code DELETE},
   * {@code UPDATE} or {@code MERGE}): for each data file, named by its path as the log holds it
   * ({@link ScanFile#getPath}), the rows at these physical row indexes. Files are changed as {@link
   * #delete} changes them: deletion vectors where the table enables them, merged with the file's
   * own, otherwise the file is rewritten without the rows; rows already deleted are left as they
   * are.
   *
   * @param engine the engine
   * @param rowIndexesByPath row indexes to delete, by file path
   * @return the number of rows deleted
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a file is not in the snapshot
   *     this transaction read (another writer removed it)
   * @throws dev.keel.kernel.exceptions.KernelException on an append-only table, or when creating a
   *     table
   */
  long deleteRows(Engine engine, java.util.Map<String, long[]> rowIndexesByPath);

  /**
   * Removes whole files: every file whose partition values satisfy {@code partitionPredicate} (all
   * files when it is {@code ALWAYS_TRUE}). With {@link #write} this is an overwrite.
   *
   * @param engine the engine
   * @param partitionPredicate a predicate on partition columns only
   * @return the number of files removed
   * @throws dev.keel.kernel.exceptions.KernelException if the predicate references data columns
   */
  long removeFiles(Engine engine, dev.keel.kernel.expressions.Predicate partitionPredicate);

  /**
   * Commits: writes the next version with put-if-absent; if another writer took it, checks what
   * that writer committed and retries at the following version (concurrent appends are compatible;
   * protocol or metadata changes, and the same transaction id, are not).
   *
   * @param engine the engine
   * @return the committed version
   * @throws dev.keel.kernel.exceptions.ConcurrentWriteException if a concurrent commit conflicts or
   *     the retries are exhausted; nothing is committed then
   */
  CommitResult commit(Engine engine);
}
