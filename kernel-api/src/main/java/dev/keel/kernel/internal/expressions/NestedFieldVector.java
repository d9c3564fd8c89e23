package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import java.util.List;

/** A struct's field as a column: null wherever the field or any enclosing struct is null. */
final class NestedFieldVector extends DelegatingColumnVector {
  private final ColumnVector field;
  private final List<ColumnVector> parents;

  NestedFieldVector(ColumnVector field, List<ColumnVector> parents) {
    super(field.getDataType(), field.getSize());
    this.field = field;
    this.parents = parents;
  }

  @Override
  ColumnVector source(int row) {
    for (ColumnVector p : parents) {
      if (p.isNullAt(row)) {
        return null;
      }
    }
    return field;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw new UnsupportedOperationException("a nested field reference is a leaf in expressions");
  }
}
