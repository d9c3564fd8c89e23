package dev.keel.connectors.sharing.read;

import dev.keel.connectors.sharing.http.SharingException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Timestamps of requests (PROTOCOL.md, "Timestamp Format"): {@code yyyy-[m]m-[d]d hh:mm:ss[.f...]}
 * in the server's time zone, or ISO-8601 with an offset ({@code 2024-01-31T10:00:00Z}), or a date
 * alone (its midnight).
 */
public final class Timestamps {
  private static final DateTimeFormatter SQL =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private Timestamps() {}

  /**
   * @param parameter the parameter's name, for the message
   * @param text the value
   * @param zone the zone of values without an offset
   * @return epoch milliseconds
   * @throws SharingException (400) if the value is none of the accepted forms
   */
  public static long parse(String parameter, String text, ZoneId zone) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // not ISO with an offset
    }
    try {
      return LocalDateTime.parse(t, SQL).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // not date and time
    }
    try {
      return LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw SharingException.badRequest(
          "The "
              + parameter
              + " `"
              + text
              + "` is not a timestamp: use `yyyy-mm-dd hh:mm:ss[.fff]` (the server's time zone,"
              + " "
              + zone
              + ") or ISO-8601 with an offset, such as `2024-01-31T10:00:00Z`.");
    }
  }
}
