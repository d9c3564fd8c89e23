package dev.keel.kernel.defaults.engine;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.internal.arrow.ArrowBatch;
import dev.keel.kernel.defaults.internal.arrow.ArrowColumnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands the Arrow vectors behind the default engine's batches to connectors that speak Arrow,
 * without copying. The returned vectors are shared with the batch: keep the batch open while using
 * them and close the batch (not the vectors or the root) when done. To keep data beyond the batch,
 * transfer it with Arrow's {@code TransferPair} into your own allocator.
 */
@Evolving
public final class ArrowInterop {
  private ArrowInterop() {}

  /**
   * @param vector a column vector
   * @return the Arrow vector behind it, or empty if it is not backed by one (for example a
   *     selection vector computed on the heap)
   */
  public static Optional<FieldVector> arrowVector(ColumnVector vector) {
    return vector instanceof ArrowColumnVector
        ? Optional.of(((ArrowColumnVector) vector).getArrowVector())
        : Optional.empty();
  }

  /**
   * @param batch a batch produced by the default engine's JSON or Parquet handler, or a batch of
   *     {@code Scan.readData} / {@code ScanState.readFile} read through the default engine
   * @return a {@link VectorSchemaRoot} over the batch's vectors, its fields named as the batch's
   *     schema names them (logical names for scan batches); empty if some column is not backed by
   *     an Arrow vector of the batch's length (partition columns and row-tracking columns of scan
   *     batches are computed constants; a JSON column no line had a value for holds no vector; a
   *     batch of one of several small JSON files read in one call is a window of vectors they
   *     share): read those through {@link #arrowVector} column by column, or through the {@code
   *     ColumnVector} API
   */
  public static Optional<VectorSchemaRoot> vectorSchemaRoot(ColumnarBatch batch) {
    if (batch instanceof ArrowBatch) {
      return Optional.of(((ArrowBatch) batch).toVectorSchemaRoot());
    }
    List<Field> fields = new ArrayList<>();
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < batch.getSchema().length(); i++) {
      Optional<FieldVector> v = arrowVector(batch.getColumnVector(i));
      if (v.isEmpty() || v.get().getValueCount() != batch.getSize()) {
        return Optional.empty();
      }
      Field f = v.get().getField();
      fields.add(new Field(batch.getSchema().at(i).getName(), f.getFieldType(), f.getChildren()));
      vectors.add(v.get());
    }
    return Optional.of(new VectorSchemaRoot(new Schema(fields), vectors, batch.getSize()));
  }
}
