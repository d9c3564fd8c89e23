package dev.keel.kernel.types;

/** The Delta {@code timestamp} type: microseconds since the epoch, UTC-adjusted, stored as a {@code long}. */
public final class TimestampType extends PrimitiveType {
  /** The single instance. */
  public static final TimestampType TIMESTAMP = new TimestampType();

  private TimestampType() {
    super("timestamp");
  }
}
