package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code float} type: an IEEE 754 single-precision number. */
@Stable
public final class FloatType extends PrimitiveType {
  /** The single instance. */
  public static final FloatType FLOAT = new FloatType();

  private FloatType() {
    super("float");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitFloat(this);
  }
}
