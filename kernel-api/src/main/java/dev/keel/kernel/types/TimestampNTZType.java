package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * The Delta {@code timestamp_ntz} type: microseconds since 1970-01-01T00:00 in no particular time
 * zone, stored as a {@code long}. Needs the {@code timestampNtz} table feature.
 */
@Stable
public final class TimestampNTZType extends PrimitiveType {
  /** The single instance. */
  public static final TimestampNTZType TIMESTAMP_NTZ = new TimestampNTZType();

  private TimestampNTZType() {
    super("timestamp_ntz");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitTimestampNtz(this);
  }
}
