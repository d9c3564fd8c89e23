package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Timestamps read by hand in their common form give what java.time's formatters give (compared on
 * 20,000 random strings, valid and invalid, with and without zones), and every other form still
 * goes to those formatters.
 */
class TestValueParsers {
  private static String two(int v) {
    return (v < 10 ? "0" : "") + v;
  }

  @Test
  void theCommonFormReadsAsJavaTimeDoesAndOtherFormsStillParse() {
    Random random = new Random(42);
    int agreed = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int year = random.nextInt(10) == 0 ? random.nextInt(10_000) : 1900 + random.nextInt(200);
      sb.append(String.format("%04d", year)).append('-').append(two(1 + random.nextInt(12)));
      sb.append('-').append(two(1 + random.nextInt(random.nextInt(20) == 0 ? 32 : 28)));
      sb.append(random.nextBoolean() ? 'T' : ' ');
      sb.append(two(random.nextInt(random.nextInt(50) == 0 ? 25 : 24))).append(':');
      sb.append(two(random.nextInt(60))).append(':').append(two(random.nextInt(60)));
      int fraction = random.nextInt(11) - 1; // -1: no point; 0..9 digits
      if (fraction >= 0) {
        sb.append('.');
        for (int d = 0; d < fraction; d++) {
          sb.append(random.nextInt(10));
        }
      }
      switch (random.nextInt(6)) {
        case 0 -> sb.append('Z');
        case 1 ->
            sb.append(random.nextBoolean() ? '+' : '-')
                .append(two(random.nextInt(19)))
                .append(':')
                .append(two(random.nextInt(60)));
        case 2 -> sb.append(random.nextBoolean() ? "z" : "+0530"); // java.time's forms only
        default -> {}
      }
      String s = sb.toString();
      for (boolean zoned : new boolean[] {true, false}) {
        long expected;
        try {
          expected = ValueParsers.viaFormatters(s.trim(), zoned);
        } catch (DateTimeException e) {
          refused++;
          assertThatThrownBy(
                  () ->
                      assertThat(
                          zoned
                              ? ValueParsers.parseTimestamp(s)
                              : ValueParsers.parseTimestampNtz(s)))
              .as(s)
              .isInstanceOf(DateTimeException.class);
          continue;
        }
        long actual = zoned ? ValueParsers.parseTimestamp(s) : ValueParsers.parseTimestampNtz(s);
        assertThat(actual).as("%s (zoned: %s)", s, zoned).isEqualTo(expected);
        agreed++;
      }
    }
    assertThat(agreed).isGreaterThan(20_000);
    assertThat(refused).isGreaterThan(1_000); // lower-case z, zones on timestamp_ntz
  }

  @Test
  void readsTheFormsDeltaWrites() {
    assertThat(ValueParsers.parseTimestamp("1970-01-01T00:00:00.000001Z")).isEqualTo(1);
    assertThat(ValueParsers.parseTimestamp("1969-12-31T23:59:59.9999999Z")).isEqualTo(-1);
    assertThat(ValueParsers.parseTimestamp("2024-02-29 12:00:00+01:00"))
        .isEqualTo(1_709_204_400_000_000L);
    assertThat(ValueParsers.parseTimestamp(" 2024-02-29T11:00:00 "))
        .isEqualTo(1_709_204_400_000_000L);
    assertThat(ValueParsers.parseTimestampNtz("2024-02-29T11:00:00.5"))
        .isEqualTo(1_709_204_400_500_000L);
    assertThat(ValueParsers.parseTimestampNtz("2024-02-29")).isEqualTo(1_709_164_800_000_000L);
    assertThatThrownBy(() -> ValueParsers.parseTimestamp("2023-02-29T00:00:00Z"))
        .isInstanceOf(DateTimeException.class);
  }
}
