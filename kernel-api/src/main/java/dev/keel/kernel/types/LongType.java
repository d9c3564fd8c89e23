package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code long} type: a signed 64-bit integer. */
@Stable
public final class LongType extends PrimitiveType {
  /** The single instance. */
  public static final LongType LONG = new LongType();

  private LongType() {
    super("long");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitLong(this);
  }
}
