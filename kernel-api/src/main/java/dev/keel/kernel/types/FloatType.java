package dev.keel.kernel.types;

/** The Delta {@code float} type: an IEEE 754 single-precision number. */
public final class FloatType extends PrimitiveType {
  /** The single instance. */
  public static final FloatType FLOAT = new FloatType();

  private FloatType() {
    super("float");
  }
}
