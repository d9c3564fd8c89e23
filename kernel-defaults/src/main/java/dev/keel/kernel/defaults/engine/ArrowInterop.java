package dev.keel.kernel.defaults.engine;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.internal.arrow.ArrowBatch;
import dev.keel.kernel.defaults.internal.arrow.ArrowColumnVector;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hands the Arrow vectors behind the default engine's batches to connectors that speak Arrow,
 * without copying. The returned vectors are shared with the batch: keep the batch open while
 * using them and close the batch (not the vectors or the root) when done. To keep data beyond
 * the batch, transfer it with Arrow's {@code TransferPair} into your own allocator.
 */
public final class ArrowInterop {
  private ArrowInterop() {}

  /**
   * @param vector a column vector
   * @return the Arrow vector behind it, or empty if it is not backed by one (for example a
   *     selection vector computed on the heap)
   */
  public static Optional<FieldVector> arrowVector(ColumnVector vector) {
    return vector instanceof ArrowColumnVector
        ? Optional.of(((ArrowColumnVector) vector).getArrowVector()) : Optional.empty();
  }

  /**
   * @param batch a batch produced by the default engine's JSON or Parquet handler
   * @return a {@link VectorSchemaRoot} over the batch's vectors, or empty if the batch is not
   *     one the default engine produced
   */
  public static Optional<VectorSchemaRoot> vectorSchemaRoot(ColumnarBatch batch) {
    return batch instanceof ArrowBatch ? Optional.of(((ArrowBatch) batch).toVectorSchemaRoot()) : Optional.empty();
  }
}
