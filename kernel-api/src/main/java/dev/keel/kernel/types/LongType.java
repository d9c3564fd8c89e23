package dev.keel.kernel.types;

/** The Delta {@code long} type: a signed 64-bit integer. */
public final class LongType extends PrimitiveType {
  /** The single instance. */
  public static final LongType LONG = new LongType();

  private LongType() {
    super("long");
  }
}
