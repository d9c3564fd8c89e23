package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.util.Unsupported;
import dev.keel.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * One column of a {@link ColumnarBatch}: {@link #getSize()} values of one {@link DataType}.
 *
 * <p>Values are read with the getter of the column's type: {@code getBoolean} (boolean), {@code
 * getByte}, {@code getShort}, {@code getInt} (integer and date as days since the epoch), {@code
 * getLong} (long, and timestamp / timestamp_ntz as microseconds since the epoch), {@code getFloat},
 * {@code getDouble}, {@code getDecimal}, {@code getString}, {@code getBinary}. Structs expose their
 * fields through {@link #getChild(int)}; arrays and maps through {@link #getArray(int)} and {@link
 * #getMap(int)}; a variant exposes two binary children, {@code 0} the metadata and {@code 1} the
 * value. Calling a getter on a null slot, or a getter of another type, is undefined: check {@link
 * #isNullAt(int)} first.
 *
 * <p>The vector owns memory (for the default engine, Arrow buffers). Its batch closes it; close a
 * vector yourself only when you obtained it outside a batch (for example an evaluator result).
 */
@Stable
public interface ColumnVector extends AutoCloseable {

  /**
   * @return the type of the values
   */
  DataType getDataType();

  /**
   * @return the number of values, null slots included
   */
  int getSize();

  /**
   * @param rowId the position, 0 to {@code getSize() - 1}
   * @return whether the value at {@code rowId} is null
   */
  boolean isNullAt(int rowId);

  /** Releases the memory of this vector and of its children. Idempotent. */
  @Override
  void close();

  /**
   * @param rowId the position
   * @return the boolean value
   */
  default boolean getBoolean(int rowId) {
    throw Unsupported.method(this, "getBoolean");
  }

  /**
   * @param rowId the position
   * @return the byte value
   */
  default byte getByte(int rowId) {
    throw Unsupported.method(this, "getByte");
  }

  /**
   * @param rowId the position
   * @return the short value
   */
  default short getShort(int rowId) {
    throw Unsupported.method(this, "getShort");
  }

  /**
   * @param rowId the position
   * @return the int value (integer, or date as days since 1970-01-01)
   */
  default int getInt(int rowId) {
    throw Unsupported.method(this, "getInt");
  }

  /**
   * @param rowId the position
   * @return the long value (long, or timestamp/timestamp_ntz as microseconds since the epoch)
   */
  default long getLong(int rowId) {
    throw Unsupported.method(this, "getLong");
  }

  /**
   * @param rowId the position
   * @return the float value
   */
  default float getFloat(int rowId) {
    throw Unsupported.method(this, "getFloat");
  }

  /**
   * @param rowId the position
   * @return the double value
   */
  default double getDouble(int rowId) {
    throw Unsupported.method(this, "getDouble");
  }

  /**
   * @param rowId the position
   * @return the decimal value, at the column's scale
   */
  default BigDecimal getDecimal(int rowId) {
    throw Unsupported.method(this, "getDecimal");
  }

  /**
   * @param rowId the position
   * @return the string value
   */
  default String getString(int rowId) {
    throw Unsupported.method(this, "getString");
  }

  /**
   * @param rowId the position
   * @return a copy of the binary value
   */
  default byte[] getBinary(int rowId) {
    throw Unsupported.method(this, "getBinary");
  }

  /**
   * Returns a child vector: a struct's field, or a variant's metadata (0) and value (1). The child
   * belongs to this vector; do not close it separately.
   *
   * @param ordinal the field position
   * @return the child vector, with as many slots as this vector
   */
  default ColumnVector getChild(int ordinal) {
    throw Unsupported.method(this, "getChild");
  }

  /**
   * @param rowId the position
   * @return the array at {@code rowId}; valid while this vector is open
   */
  default ArrayValue getArray(int rowId) {
    throw Unsupported.method(this, "getArray");
  }

  /**
   * @param rowId the position
   * @return the map at {@code rowId}; valid while this vector is open
   */
  default MapValue getMap(int rowId) {
    throw Unsupported.method(this, "getMap");
  }
}
