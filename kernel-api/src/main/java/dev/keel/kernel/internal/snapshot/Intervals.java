package dev.keel.kernel.internal.snapshot;

import java.util.Locale;
import java.util.Optional;

/** Parses Delta's interval table properties, e.g. {@code interval 1 days}, {@code 7 days}. */
public final class Intervals {
  private Intervals() {}

  /**
   * @return the interval in milliseconds, or empty when {@code value} is absent or not an interval
   */
  public static Optional<Long> parseMillis(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int i = parts.length > 0 && parts[0].equals("interval") ? 1 : 0;
    if (parts.length != i + 2) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(parts[i]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String unit =
        parts[i + 1].endsWith("s")
            ? parts[i + 1].substring(0, parts[i + 1].length() - 1)
            : parts[i + 1];
    long millis;
    switch (unit) {
      case "millisecond":
        millis = 1;
        break;
      case "second":
        millis = 1000;
        break;
      case "minute":
        millis = 60_000;
        break;
      case "hour":
        millis = 3_600_000;
        break;
      case "day":
        millis = 86_400_000;
        break;
      case "week":
        millis = 7 * 86_400_000L;
        break;
      default:
        return Optional.empty();
    }
    return Optional.of(n * millis);
  }
}
