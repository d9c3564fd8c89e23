package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.internal.util.ValueParsers;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The text forms of values in the Delta log's JSON, for engines that implement their own {@link
 * JsonHandler}: dates, timestamps and non-finite floating-point numbers as the kernel's default
 * engine reads and writes them (statistics, partition values and commit files use these forms).
 */
@Evolving
public final class JsonValues {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private JsonValues() {}

  /**
   * @param text {@code yyyy-MM-dd}
   * @return days since 1970-01-01
   * @throws DateTimeParseException if the text is not a date
   */
  public static int parseDate(String text) {
    return ValueParsers.parseDate(text);
  }

  /**
   * Parses a timestamp: ISO-8601 with a zone ({@code Z} or an offset), or without one ({@code
   * yyyy-MM-dd[ HH:mm[:ss[.fffffffff]]]}, also with {@code T}), which is read as UTC. Digits below
   * the microsecond are dropped.
   *
   * @return microseconds since 1970-01-01T00:00Z
   * @throws DateTimeParseException if the text is not a timestamp
   */
  public static long parseTimestamp(String text) {
    return ValueParsers.parseTimestamp(text);
  }

  /**
   * Parses a timestamp without a zone ({@code timestamp_ntz}).
   *
   * @return microseconds since 1970-01-01T00:00
   * @throws DateTimeParseException if the text is not a local date-time
   */
  public static long parseTimestampNtz(String text) {
    return ValueParsers.parseTimestampNtz(text);
  }

  /**
   * Parses a floating-point number, including {@code NaN}, {@code Infinity} and {@code -Infinity}.
   *
   * @throws NumberFormatException if the text is not a number
   */
  public static double parseDouble(String text) {
    return ValueParsers.parseDouble(text);
  }

  /**
   * Formats a timestamp as the kernel writes it: {@code yyyy-MM-ddTHH:mm:ss.ffffff}, followed by
   * {@code Z} for a {@code timestamp} ({@code zoned}) and nothing for a {@code timestamp_ntz}.
   *
   * @param micros microseconds since the epoch
   */
  public static String formatTimestamp(long micros, boolean zoned) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L),
            (int) Math.floorMod(micros, 1_000_000L) * 1000,
            ZoneOffset.UTC);
    String s = MICROS.format(t);
    return zoned ? s + "Z" : s;
  }
}
