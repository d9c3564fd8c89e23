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
    long fast = commonForm(s, true);
    return fast != NOT_COMMON ? fast : viaFormatters(s, true);
  }

  /**
   * A timestamp read with java.time's formatters (the reading {@link #commonForm} must agree with;
   * tests compare the two).
   */
  static long viaFormatters(String s, boolean zoned) {
    if (zoned && (s.endsWith("Z") || s.endsWith("z") || hasOffset(s))) {
      OffsetDateTime odt = OffsetDateTime.parse(s.replace(' ', 'T'));
      return toMicros(odt.toInstant());
    }
    return toMicros(LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC));
  }

  /** Parses a timestamp without a zone. @return microseconds since 1970-01-01T00:00 */
  public static long parseTimestampNtz(String text) {
    String s = text.trim();
    long fast = commonForm(s, false);
    return fast != NOT_COMMON ? fast : viaFormatters(s, false);
  }

  /** What {@link #commonForm} returns for text not of that form. */
  private static final long NOT_COMMON = Long.MIN_VALUE;

  /**
   * The form nearly every timestamp has, {@code yyyy-MM-dd[T ]HH:mm:ss[.f{1,9}]} followed (when
   * {@code zoned}) by nothing, {@code Z} or {@code ±HH:MM}, read by hand in microseconds since the
   * epoch (sub-microsecond digits floored, no zone read as UTC): the same value the formatters
   * give, about ten times faster. Anything else, including invalid dates and times, gives {@link
   * #NOT_COMMON} and is left to the formatters (and their errors).
   */
  private static long commonForm(String s, boolean zoned) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return NOT_COMMON;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_COMMON;
    }
    int i = 19;
    long nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int from = ++i;
      while (i < n && i - from < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == from) {
        return NOT_COMMON;
      }
      for (int k = i - from; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = 0;
    if (i < n) {
      if (!zoned) {
        return NOT_COMMON;
      }
      char c = s.charAt(i);
      if (c == 'Z' && i + 1 == n) {
        offsetSeconds = 0;
      } else if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
          return NOT_COMMON;
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      } else {
        return NOT_COMMON;
      }
    }
    if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return NOT_COMMON; // the formatters' error says which date is wrong
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000_000L + nanos / 1000;
  }

  /** The decimal value of {@code s[from, from + count)}, or -1 if a character is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
