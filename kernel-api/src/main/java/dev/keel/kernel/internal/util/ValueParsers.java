package dev.keel.kernel.internal.util;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Parsing of the text forms of dates, timestamps and floating-point numbers that Delta writes in
 * JSON (stats, partition values). Timestamps without a zone are read as UTC (see the README of the
 * conformance cases: delta-spark reads them in the session zone; Keel fixes UTC).
 */
public final class ValueParsers {
  private ValueParsers() {}

  /** {@code yyyy-MM-dd[ HH:mm:ss[.f{1,9}]]} or with {@code T}; no zone. */
  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
          .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
          .toFormatter();

  /**
   * @return days since 1970-01-01 of {@code yyyy-MM-dd}
   */
  public static int parseDate(String s) {
    return Math.toIntExact(LocalDate.parse(s.trim()).toEpochDay());
  }

  /**
   * Parses a timestamp: ISO-8601 with a zone ({@code Z} or an offset), or without a zone ({@code
   * yyyy-MM-dd HH:mm:ss[.ffffff]}, also with {@code T}), which is read as UTC.
   *
   * @return microseconds since the epoch
   */
  public static long parseTimestamp(String text) {
    String s = text.trim();
    if (s.endsWith("Z") || s.endsWith("z") || hasOffset(s)) {
      OffsetDateTime odt = OffsetDateTime.parse(s.replace(' ', 'T'));
      return toMicros(odt.toInstant());
    }
    return toMicros(LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC));
  }

  /** Parses a timestamp without a zone. @return microseconds since 1970-01-01T00:00 */
  public static long parseTimestampNtz(String text) {
    return toMicros(LocalDateTime.parse(text.trim(), LOCAL).toInstant(ZoneOffset.UTC));
  }

  /** Parses a double, including {@code NaN}, {@code Infinity}, {@code -Infinity}. */
  public static double parseDouble(String text) {
    String s = text.trim();
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
      case "+Infinity":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  /** Microseconds since the epoch of an instant (floor for sub-microsecond digits). */
  public static long toMicros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  private static boolean hasOffset(String s) {
    // An offset follows the time part: ...HH:mm:ss+01:00 or -0800.
    int t = Math.max(s.indexOf('T'), s.indexOf(' '));
    if (t < 0) {
      return false;
    }
    return s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0;
  }
}
