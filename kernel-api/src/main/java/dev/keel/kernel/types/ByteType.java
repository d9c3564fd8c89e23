package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code byte} type: a signed 8-bit integer. */
@Stable
public final class ByteType extends PrimitiveType {
  /** The single instance. */
  public static final ByteType BYTE = new ByteType();

  private ByteType() {
    super("byte");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitByte(this);
  }
}
