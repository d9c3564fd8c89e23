package dev.keel.kernel.types;

/** The Delta {@code boolean} type: {@code true} or {@code false}. */
public final class BooleanType extends PrimitiveType {
  /** The single instance. */
  public static final BooleanType BOOLEAN = new BooleanType();

  private BooleanType() {
    super("boolean");
  }
}
