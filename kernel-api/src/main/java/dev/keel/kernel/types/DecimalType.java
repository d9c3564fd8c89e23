package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.internal.Errors;

/** The Delta {@code decimal(precision, scale)} type: precision 1 to 38, scale 0 to precision. */
@Stable
public final class DecimalType extends DataType {
  /** The largest precision Delta allows. */
  public static final int MAX_PRECISION = 38;

  private final int precision;
  private final int scale;

  private DecimalType(int precision, int scale) {
    this.precision = precision;
    this.scale = scale;
  }

  /**
   * Creates a decimal type.
   *
   * @param precision total number of digits, 1 to 38
   * @param scale digits after the point, 0 to {@code precision}
   * @return the type
   * @throws InvalidSchemaException if precision or scale is out of range
   */
  public static DecimalType of(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
      throw Errors.invalidDecimal(precision, scale, MAX_PRECISION);
    }
    return new DecimalType(precision, scale);
  }

  /**
   * @return the total number of digits
   */
  public int getPrecision() {
    return precision;
  }

  /**
   * @return the number of digits after the decimal point
   */
  public int getScale() {
    return scale;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalType
        && ((DecimalType) o).precision == precision
        && ((DecimalType) o).scale == scale;
  }

  @Override
  public int hashCode() {
    return precision * 31 + scale;
  }

  @Override
  public String toString() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitDecimal(this);
  }
}
