package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.internal.data.DelegatingVector;

/**
 * A window {@code [offset, offset + size)} of another vector, e.g. one array's elements. Never owns
 * memory.
 */
final class SliceColumnVector extends DelegatingVector {
  private final int offset;
  private final int size;
  private ColumnVector[] children;

  SliceColumnVector(ColumnVector base, int offset, int size) {
    super(base);
    this.offset = offset;
    this.size = size;
  }

  @Override
  protected int map(int rowId) {
    return offset + rowId;
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (children == null) {
      int n =
          base.getDataType() instanceof dev.keel.kernel.types.StructType
              ? ((dev.keel.kernel.types.StructType) base.getDataType()).length()
              : 2;
      children = new ColumnVector[n];
    }
    if (children[ordinal] == null) {
      children[ordinal] = new SliceColumnVector(base.getChild(ordinal), offset, size);
    }
    return children[ordinal];
  }

  @Override
  public void close() {}
}
