package dev.keel.kernel.data;

/**
 * One array value of an array column: its elements as a vector. Valid while the vector it came
 * from is open; never close it.
 */
public interface ArrayValue {
  /** @return the number of elements */
  int getSize();

  /** @return the elements, {@link #getSize()} slots, each possibly null */
  ColumnVector getElements();
}
