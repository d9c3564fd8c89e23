package dev.keel.kernel.internal.txn;

import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A statistic as the stats JSON holds it. Strings longer than 32 characters keep a 32-character
 * prefix as minimum and no maximum (a truncated maximum would be smaller than the real one);
 * timestamps are truncated down to milliseconds, as the protocol says.
 */
final class StatsValueWriter {
  private StatsValueWriter() {}

  static final int STRING_PREFIX = 32;
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

  static Optional<Object> value(Literal l, boolean isMin) {
    if (l.isNull()) {
      return Optional.empty();
    }
    Object v = l.getValue().get();
    if (l.getDataType() instanceof StringType) {
      String s = (String) v;
      if (s.codePointCount(0, s.length()) <= STRING_PREFIX) {
        return Optional.of(s);
      }
      return isMin
          ? Optional.of(s.substring(0, s.offsetByCodePoints(0, STRING_PREFIX)))
          : Optional.empty();
    }
    if (l.getDataType() instanceof DateType) {
      return Optional.of(LocalDate.ofEpochDay((Integer) v).toString());
    }
    if (l.getDataType() instanceof TimestampType || l.getDataType() instanceof TimestampNTZType) {
      long millis = Math.floorDiv((Long) v, 1000L);
      LocalDateTime t =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(millis, 1000L),
              (int) Math.floorMod(millis, 1000L) * 1_000_000,
              ZoneOffset.UTC);
      return Optional.of(MILLIS.format(t) + (l.getDataType() instanceof TimestampType ? "Z" : ""));
    }
    if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
      return Optional.of(((Number) v).longValue());
    }
    if (v instanceof Float) {
      return Optional.of(((Float) v).doubleValue());
    }
    return Optional.of(v);
  }
}
