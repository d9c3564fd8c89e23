package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * The Delta {@code timestamp} type: microseconds since the epoch, UTC-adjusted, stored as a {@code
 * long}.
 */
@Stable
public final class TimestampType extends PrimitiveType {
  /** The single instance. */
  public static final TimestampType TIMESTAMP = new TimestampType();

  private TimestampType() {
    super("timestamp");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitTimestamp(this);
  }
}
