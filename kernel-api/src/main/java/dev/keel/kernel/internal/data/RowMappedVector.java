package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.StructType;

/**
 * Row {@code i} of this vector is row {@code rows[i]} of another, children included; owns nothing.
 */
public class RowMappedVector extends DelegatingVector {
  private final int[] rows;
  private final ColumnVector[] children;

  /**
   * @return a view of {@code rows} of {@code base}; one that hands out UTF-8 bytes when {@code
   *     base} does ({@link Utf8Vector})
   */
  public static RowMappedVector of(ColumnVector base, int[] rows) {
    return base instanceof Utf8Vector ? new Utf8(base, rows) : new RowMappedVector(base, rows);
  }

  private RowMappedVector(ColumnVector base, int[] rows) {
    super(base);
    this.rows = rows;
    this.children =
        base.getDataType() instanceof StructType
            ? new ColumnVector[((StructType) base.getDataType()).length()]
            : new ColumnVector[2];
  }

  @Override
  protected int map(int rowId) {
    return rows[rowId];
  }

  @Override
  public int getSize() {
    return rows.length;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (children[ordinal] == null) {
      children[ordinal] = of(base.getChild(ordinal), rows);
    }
    return children[ordinal];
  }

  @Override
  public void close() {}

  /** A view of a UTF-8 string vector. */
  private static final class Utf8 extends RowMappedVector implements Utf8Vector {
    Utf8(ColumnVector base, int[] rows) {
      super(base, rows);
    }

    @Override
    public int utf8Length(int rowId) {
      return ((Utf8Vector) base).utf8Length(map(rowId));
    }

    @Override
    public void copyUtf8(int rowId, byte[] dst) {
      ((Utf8Vector) base).copyUtf8(map(rowId), dst);
    }
  }
}
