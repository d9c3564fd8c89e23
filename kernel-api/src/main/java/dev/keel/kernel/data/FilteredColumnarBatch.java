package dev.keel.kernel.data;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.Optional;

/**
 * A {@link ColumnarBatch} with an optional selection vector: a boolean column, as long as the
 * batch, that is {@code true} for the rows that are part of the result. Without one, every row is
 * selected. A null slot in the selection vector means "not selected".
 *
 * <p>Closing this object closes the batch and the selection vector.
 */
@Stable
public final class FilteredColumnarBatch implements AutoCloseable {
  private final ColumnarBatch data;
  private final Optional<ColumnVector> selectionVector;

  /**
   * Creates a filtered batch.
   *
   * @param data the batch
   * @param selectionVector the selection, with {@code data.getSize()} slots, or empty for all rows
   * @throws IllegalArgumentException if the selection vector's size differs from the batch's
   */
  public FilteredColumnarBatch(ColumnarBatch data, Optional<ColumnVector> selectionVector) {
    this.data = requireNonNull(data, "data is null");
    this.selectionVector = requireNonNull(selectionVector, "selectionVector is null");
    if (selectionVector.isPresent() && selectionVector.get().getSize() < data.getSize()) {
      throw new IllegalArgumentException(
          "selection vector has "
              + selectionVector.get().getSize()
              + " slots but the batch has "
              + data.getSize()
              + " rows");
    }
  }

  /**
   * @return the batch, all rows
   */
  public ColumnarBatch getData() {
    return data;
  }

  /**
   * @return the selection vector, or empty when every row is selected
   */
  public Optional<ColumnVector> getSelectionVector() {
    return selectionVector;
  }

  /**
   * @param rowId a row position of the batch
   * @return whether the row is selected
   */
  public boolean isSelected(int rowId) {
    if (selectionVector.isEmpty()) {
      return true;
    }
    ColumnVector sel = selectionVector.get();
    return !sel.isNullAt(rowId) && sel.getBoolean(rowId);
  }

  /**
   * @return the number of selected rows (counts the selection vector)
   */
  public int getSelectedCount() {
    if (selectionVector.isEmpty()) {
      return data.getSize();
    }
    int n = 0;
    for (int i = 0; i < data.getSize(); i++) {
      if (isSelected(i)) {
        n++;
      }
    }
    return n;
  }

  /**
   * @return the selected rows as views, valid while this batch is open
   */
  public CloseableIterator<Row> getRows() {
    return Batches.rows(data, selectionVector.orElse(null));
  }

  @Override
  public void close() {
    try {
      data.close();
    } finally {
      selectionVector.ifPresent(ColumnVector::close);
    }
  }
}
