package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;

/** Evaluates one expression over batches. Close it when done. */
@Stable
public interface ExpressionEvaluator extends AutoCloseable {
  /**
   * @param batch the input; not closed by this call
   * @return one result per row; the caller closes it
   */
  ColumnVector eval(ColumnarBatch batch);

  @Override
  default void close() {}
}
