package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * The legacy {@code void} type: a column that is always null. Spark drops such columns on read;
 * Keel returns them as all-null columns.
 */
@Stable
public final class VoidType extends PrimitiveType {
  /** The single instance. */
  public static final VoidType VOID = new VoidType();

  private VoidType() {
    super("void");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitVoid(this);
  }
}
