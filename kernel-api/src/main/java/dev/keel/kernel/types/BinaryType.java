package dev.keel.kernel.types;

/** The Delta {@code binary} type: a sequence of bytes. */
public final class BinaryType extends PrimitiveType {
  /** The single instance. */
  public static final BinaryType BINARY = new BinaryType();

  private BinaryType() {
    super("binary");
  }
}
