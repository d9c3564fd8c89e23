package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.util.Unsupported;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;

/**
 * One row: a value per field of {@link #getSchema()}, read by ordinal with the getter of the
 * field's type (see {@link ColumnVector} for the mapping of types to getters). Rows taken from a
 * batch are views that are valid while the batch is open.
 */
@Stable
public interface Row {
  /**
   * @return the schema of this row
   */
  StructType getSchema();

  /**
   * @param ordinal the field position
   * @return whether the field is null
   */
  boolean isNullAt(int ordinal);

  /**
   * @param ordinal the field position
   * @return the boolean value
   */
  default boolean getBoolean(int ordinal) {
    throw Unsupported.method(this, "getBoolean");
  }

  /**
   * @param ordinal the field position
   * @return the byte value
   */
  default byte getByte(int ordinal) {
    throw Unsupported.method(this, "getByte");
  }

  /**
   * @param ordinal the field position
   * @return the short value
   */
  default short getShort(int ordinal) {
    throw Unsupported.method(this, "getShort");
  }

  /**
   * @param ordinal the field position
   * @return the int value (integer, date)
   */
  default int getInt(int ordinal) {
    throw Unsupported.method(this, "getInt");
  }

  /**
   * @param ordinal the field position
   * @return the long value (long, timestamps)
   */
  default long getLong(int ordinal) {
    throw Unsupported.method(this, "getLong");
  }

  /**
   * @param ordinal the field position
   * @return the float value
   */
  default float getFloat(int ordinal) {
    throw Unsupported.method(this, "getFloat");
  }

  /**
   * @param ordinal the field position
   * @return the double value
   */
  default double getDouble(int ordinal) {
    throw Unsupported.method(this, "getDouble");
  }

  /**
   * @param ordinal the field position
   * @return the decimal value
   */
  default BigDecimal getDecimal(int ordinal) {
    throw Unsupported.method(this, "getDecimal");
  }

  /**
   * @param ordinal the field position
   * @return the string value
   */
  default String getString(int ordinal) {
    throw Unsupported.method(this, "getString");
  }

  /**
   * @param ordinal the field position
   * @return the binary value
   */
  default byte[] getBinary(int ordinal) {
    throw Unsupported.method(this, "getBinary");
  }

  /**
   * @param ordinal the field position
   * @return the struct value as a row
   */
  default Row getStruct(int ordinal) {
    throw Unsupported.method(this, "getStruct");
  }

  /**
   * @param ordinal the field position
   * @return the array value
   */
  default ArrayValue getArray(int ordinal) {
    throw Unsupported.method(this, "getArray");
  }

  /**
   * @param ordinal the field position
   * @return the map value
   */
  default MapValue getMap(int ordinal) {
    throw Unsupported.method(this, "getMap");
  }
}
