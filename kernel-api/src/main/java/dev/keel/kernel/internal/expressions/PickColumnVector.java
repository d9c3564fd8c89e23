package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataType;
import java.util.List;

/**
 * Row {@code r} comes from {@code vectors[source[r]]}, or is null where {@code source[r] < 0}
 * (COALESCE).
 */
final class PickColumnVector extends DelegatingColumnVector {
  private final List<ColumnVector> vectors;
  private final int[] source;

  PickColumnVector(DataType type, List<ColumnVector> vectors, int[] source) {
    super(type, source.length);
    this.vectors = vectors;
    this.source = source;
  }

  @Override
  ColumnVector source(int row) {
    return source[row] < 0 ? null : vectors.get(source[row]);
  }
}
