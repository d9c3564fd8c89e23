package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code double} type: an IEEE 754 double-precision number. */
@Stable
public final class DoubleType extends PrimitiveType {
  /** The single instance. */
  public static final DoubleType DOUBLE = new DoubleType();

  private DoubleType() {
    super("double");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitDouble(this);
  }
}
