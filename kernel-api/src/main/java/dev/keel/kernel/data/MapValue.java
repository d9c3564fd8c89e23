package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Stable;

/**
 * One map value of a map column: its keys and values as two vectors of equal size, pair {@code i}
 * being {@code (getKeys()[i], getValues()[i])}. Valid while the vector it came from is open; never
 * close it.
 */
@Stable
public interface MapValue {
  /**
   * @return the number of entries
   */
  int getSize();

  /**
   * @return the keys, never null
   */
  ColumnVector getKeys();

  /**
   * @return the values, each possibly null
   */
  ColumnVector getValues();
}
