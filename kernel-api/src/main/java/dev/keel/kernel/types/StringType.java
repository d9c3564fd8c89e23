package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * The Delta {@code string} type: UTF-8 text. A collation, where the table declares one, is kept in
 * the field's metadata ({@code __COLLATIONS}).
 */
@Stable
public final class StringType extends PrimitiveType {
  /** The single instance. */
  public static final StringType STRING = new StringType();

  private StringType() {
    super("string");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitString(this);
  }
}
