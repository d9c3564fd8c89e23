package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code date} type: days since 1970-01-01, stored as an {@code int}. */
@Stable
public final class DateType extends PrimitiveType {
  /** The single instance. */
  public static final DateType DATE = new DateType();

  private DateType() {
    super("date");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitDate(this);
  }
}
