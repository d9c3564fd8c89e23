package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import java.util.Optional;

/** Evaluates one predicate over batches into selection vectors. Close it when done. */
@Stable
public interface PredicateEvaluator extends AutoCloseable {
  /**
   * Returns, per row, whether the row is selected: the predicate is true and, when {@code
   * existingSelection} is given, the row was already selected. Never null in any slot (SQL null
   * counts as not selected).
   *
   * @param batch the input; not closed by this call
   * @param existingSelection an earlier selection to combine with, or empty; not closed
   * @return the selection; the caller closes it
   */
  ColumnVector eval(ColumnarBatch batch, Optional<ColumnVector> existingSelection);

  @Override
  default void close() {}
}
