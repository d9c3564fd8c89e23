package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Stable;

/**
 * One array value of an array column: its elements as a vector. Valid while the vector it came from
 * is open; never close it.
 */
@Stable
public interface ArrayValue {
  /**
   * @return the number of elements
   */
  int getSize();

  /**
   * @return the elements, {@link #getSize()} slots, each possibly null
   */
  ColumnVector getElements();
}
