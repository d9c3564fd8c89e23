package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Struct vectors whose children are allocated only once something is written to them. A JSON
 * batch's struct column (a Delta log's {@code add}, with a dozen fields and nested structs) most
 * often has values in a few of its fields; allocating, zeroing, counting and freeing every child of
 * every batch cost a good part of reading the log.
 *
 * <p>A shallow struct's own validity buffer grows as rows are written. A child never written holds
 * no memory and keeps a value count of 0; {@link ArrowColumnVector} reads it as a column of nulls.
 * {@link #complete} turns such a vector into a regular Arrow vector (every child counted and
 * allocated) before it is handed to Arrow code.
 */
public final class ShallowStructs {
  private ShallowStructs() {}

  /**
   * @return whether the vector has buffers (a {@link NullVector} needs none)
   */
  public static boolean allocated(ValueVector v) {
    return v instanceof NullVector || v.getValidityBuffer().capacity() > 0;
  }

  /**
   * Makes a vector ready to write: a struct (not a variant) stays shallow, anything else is
   * allocated now. Does nothing to a vector already allocated.
   *
   * @param rows the expected number of rows, or -1 for Arrow's default
   */
  public static void prepare(FieldVector v, DataType type, int rows) {
    if (allocated(v)) {
      return;
    }
    if (rows > 0) {
      v.setInitialCapacity(rows);
    }
    if (!(type instanceof StructType)) {
      v.allocateNew();
    }
  }

  /**
   * Sets the value count of {@code v} and of every child that was allocated, as {@link
   * ValueVector#setValueCount} would, leaving children never written unallocated.
   */
  public static void setValueCount(FieldVector v, int n) {
    if (!(v instanceof StructVector)) {
      v.setValueCount(n);
      return;
    }
    StructVector s = (StructVector) v;
    if (n > 0 && s.getValidityBuffer().capacity() * 8 < n) {
      // Writing row i grows the validity buffer past i, so row n - 1 was never written: it is
      // null, and marking it so grows the buffer to hold every row.
      s.setNull(n - 1);
    }
    for (FieldVector child : s.getChildrenFromFields()) {
      if (allocated(child)) {
        setValueCount(child, n);
      }
    }
    s.valueCount = n;
  }

  /**
   * @return whether a child of {@code struct} was left unwritten by {@link #setValueCount}
   */
  public static boolean isUnwrittenChild(StructVector struct, ValueVector child) {
    return struct.getValueCount() > 0 && !allocated(child);
  }

  /**
   * Allocates and counts every child left unwritten, at any depth, so that the vector is a regular
   * Arrow vector of its value count (the unwritten values are nulls).
   */
  public static void complete(FieldVector v) {
    if (v instanceof StructVector && hasUnwritten((StructVector) v)) {
      v.setValueCount(v.getValueCount());
    }
  }

  private static boolean hasUnwritten(StructVector s) {
    for (FieldVector child : s.getChildrenFromFields()) {
      if (isUnwrittenChild(s, child)
          || (child instanceof StructVector && hasUnwritten((StructVector) child))) {
        return true;
      }
    }
    return false;
  }
}
