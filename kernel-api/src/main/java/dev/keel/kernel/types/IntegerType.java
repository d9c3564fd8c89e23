package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code integer} type: a signed 32-bit integer. */
@Stable
public final class IntegerType extends PrimitiveType {
  /** The single instance. */
  public static final IntegerType INTEGER = new IntegerType();

  private IntegerType() {
    super("integer");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitInteger(this);
  }
}
