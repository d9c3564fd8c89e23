package dev.keel.kernel.defaults.internal.parquet;

import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;

/**
 * The vector a converter currently writes into. Parquet binds converters once per row group, but a
 * row group spans several batches, so at each new batch every reference is re-pointed at the new
 * batch's vector found by {@link #resolver} from the batch's top-level vectors.
 */
final class VectorRef {
  final Function<FieldVector[], FieldVector> resolver;
  FieldVector v;

  VectorRef(Function<FieldVector[], FieldVector> resolver) {
    this.resolver = resolver;
  }

  void bind(FieldVector[] topLevel) {
    v = resolver.apply(topLevel);
  }
}
