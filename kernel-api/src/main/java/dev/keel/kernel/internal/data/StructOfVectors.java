package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.internal.util.Iterators;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import java.util.List;

/**
 * A struct vector made of child vectors, null where another vector is null; closing it closes what
 * it was given to own.
 */
public final class StructOfVectors implements ColumnVector {
  private final StructType type;
  private final List<ColumnVector> children;
  private final int size;
  private final ColumnVector nulls;
  private final AutoCloseable owned;

  /**
   * @param nulls a row is null where this vector is
   * @param owned closed with this vector
   */
  public StructOfVectors(
      StructType type,
      List<ColumnVector> children,
      int size,
      ColumnVector nulls,
      AutoCloseable owned) {
    this.type = type;
    this.children = List.copyOf(children);
    this.size = size;
    this.nulls = nulls;
    this.owned = owned;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return nulls.isNullAt(rowId);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    return children.get(ordinal);
  }

  @Override
  public void close() {
    Iterators.closeAll(List.of(owned));
  }
}
