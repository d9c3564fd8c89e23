package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code short} type: a signed 16-bit integer. */
@Stable
public final class ShortType extends PrimitiveType {
  /** The single instance. */
  public static final ShortType SHORT = new ShortType();

  private ShortType() {
    super("short");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitShort(this);
  }
}
