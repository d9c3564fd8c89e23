package dev.keel.kernel.types;

/** The Delta {@code string} type: UTF-8 text. A collation, where the table declares one, is kept in the field's metadata ({@code __COLLATIONS}). */
public final class StringType extends PrimitiveType {
  /** The single instance. */
  public static final StringType STRING = new StringType();

  private StringType() {
    super("string");
  }
}
