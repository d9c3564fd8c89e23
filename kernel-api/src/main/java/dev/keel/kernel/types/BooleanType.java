package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code boolean} type: {@code true} or {@code false}. */
@Stable
public final class BooleanType extends PrimitiveType {
  /** The single instance. */
  public static final BooleanType BOOLEAN = new BooleanType();

  private BooleanType() {
    super("boolean");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitBoolean(this);
  }
}
