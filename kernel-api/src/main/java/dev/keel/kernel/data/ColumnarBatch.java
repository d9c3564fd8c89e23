package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;

/**
 * A set of rows stored column by column: one {@link ColumnVector} per field of {@link
 * #getSchema()}, each with {@link #getSize()} slots.
 *
 * <p>Ownership: whoever receives a batch (from an engine handler or from the kernel) closes it,
 * which releases every column vector. Batches derived with {@link #withNewColumn} or {@link
 * #withDeletedColumnAt} share the vectors of the original: close exactly one of them, the last
 * derived.
 */
@Stable
public interface ColumnarBatch extends AutoCloseable {
  /**
   * @return the schema: one field per column
   */
  StructType getSchema();

  /**
   * @param ordinal the column position
   * @return the column; it belongs to this batch
   */
  ColumnVector getColumnVector(int ordinal);

  /**
   * @return the number of rows
   */
  int getSize();

  /** Releases every column vector of this batch. Idempotent. */
  @Override
  void close();

  /**
   * Returns a batch with {@code vector} inserted at {@code ordinal}. The result takes ownership of
   * this batch's vectors and of {@code vector}.
   *
   * @param ordinal the position of the new column
   * @param field the new column's field
   * @param vector the new column, with {@link #getSize()} slots
   * @return the new batch
   */
  default ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector) {
    return Batches.withNewColumn(this, ordinal, field, vector);
  }

  /**
   * Returns a batch without the column at {@code ordinal}; that column is closed when the result is
   * closed.
   *
   * @param ordinal the position of the column to drop
   * @return the new batch
   */
  default ColumnarBatch withDeletedColumnAt(int ordinal) {
    return Batches.withDeletedColumnAt(this, ordinal);
  }

  /**
   * Returns a view of some columns and rows of this batch, sharing its memory: column {@code i} of
   * the view is column {@code columns[i]} of this batch, row {@code j} is row {@code rows[j]}. The
   * view is valid while this batch is open; closing the view releases nothing.
   *
   * @param columns ordinals of the columns to keep, in the view's order
   * @param rows positions of the rows to keep, in the view's order
   * @return the view
   * @throws IndexOutOfBoundsException for an ordinal or position outside this batch
   */
  default ColumnarBatch view(int[] columns, int[] rows) {
    return Batches.view(this, columns, rows);
  }

  /**
   * Returns the rows of this batch as row views. The iterator does not own the batch: close the
   * batch after consuming the rows.
   *
   * @return the rows
   */
  default CloseableIterator<Row> getRows() {
    return Batches.rows(this, null);
  }
}
