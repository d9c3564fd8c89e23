package dev.keel.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class TestJsonValues {
  // 2024-01-01T00:00:00Z is 1,704,067,200 seconds after the epoch (19,723 days of 86,400 s)
  private static final long NEW_YEAR_2024_MICROS = 19_723L * 86_400 * 1_000_000;

  @Test
  void parsesDatesAsDaysSinceTheEpoch() {
    assertThat(JsonValues.parseDate("1970-01-01")).isZero();
    assertThat(JsonValues.parseDate("2024-01-01")).isEqualTo(19_723);
    assertThat(JsonValues.parseDate("1969-12-31")).isEqualTo(-1);
    assertThatThrownBy(() -> JsonValues.parseDate("2024-13-01"))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void parsesTimestampsWithAndWithoutAZone() {
    assertThat(JsonValues.parseTimestamp("2024-01-01T00:00:00Z")).isEqualTo(NEW_YEAR_2024_MICROS);
    assertThat(JsonValues.parseTimestamp("2024-01-01T01:00:00.000001+01:00"))
        .isEqualTo(NEW_YEAR_2024_MICROS + 1);
    assertThat(JsonValues.parseTimestamp("2024-01-01 00:00:00.5"))
        .isEqualTo(NEW_YEAR_2024_MICROS + 500_000);
    assertThat(JsonValues.parseTimestampNtz("2024-01-01T00:00")).isEqualTo(NEW_YEAR_2024_MICROS);
    assertThat(JsonValues.parseTimestampNtz("2024-01-01 00:00:00.000000999"))
        .as("digits below the microsecond are dropped")
        .isEqualTo(NEW_YEAR_2024_MICROS);
  }

  @Test
  void parsesNonFiniteDoubles() {
    assertThat(JsonValues.parseDouble("NaN")).isNaN();
    assertThat(JsonValues.parseDouble("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(JsonValues.parseDouble("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(JsonValues.parseDouble("-0.25")).isEqualTo(-0.25);
  }

  @Test
  void formatsTimestampsAtMicrosecondPrecision() {
    assertThat(JsonValues.formatTimestamp(NEW_YEAR_2024_MICROS + 1, true))
        .isEqualTo("2024-01-01T00:00:00.000001Z");
    assertThat(JsonValues.formatTimestamp(-1, false)).isEqualTo("1969-12-31T23:59:59.999999");
  }
}
