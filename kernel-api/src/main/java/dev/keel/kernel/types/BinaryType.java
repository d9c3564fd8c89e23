package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code binary} type: a sequence of bytes. */
@Stable
public final class BinaryType extends PrimitiveType {
  /** The single instance. */
  public static final BinaryType BINARY = new BinaryType();

  private BinaryType() {
    super("binary");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitBinary(this);
  }
}
