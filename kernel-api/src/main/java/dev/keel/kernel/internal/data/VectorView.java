package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;

/** A second handle on a vector owned elsewhere (its batch): reads through, closing does nothing. */
public final class VectorView extends DelegatingVector {
  public VectorView(ColumnVector base) {
    super(base);
  }

  @Override
  public void close() {}
}
