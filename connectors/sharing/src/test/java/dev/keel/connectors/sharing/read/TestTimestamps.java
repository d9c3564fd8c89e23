package dev.keel.connectors.sharing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestTimestamps {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void theProtocolsFormatIsReadInTheServersZone() {
    assertThat(Timestamps.parse("t", "2024-01-31 10:00:00", BERLIN))
        .isEqualTo(millis("2024-01-31T09:00:00Z"));
    assertThat(Timestamps.parse("t", "2024-1-5 10:00:00.25", BERLIN))
        .isEqualTo(millis("2024-01-05T09:00:00.250Z"));
    assertThat(Timestamps.parse("t", "2024-07-01T10:00:00", BERLIN))
        .isEqualTo(millis("2024-07-01T08:00:00Z"));
    assertThat(Timestamps.parse("t", "2024-07-01", BERLIN))
        .isEqualTo(millis("2024-06-30T22:00:00Z"));
  }

  @Test
  void anOffsetWins() {
    assertThat(Timestamps.parse("t", "2024-01-31T10:00:00Z", BERLIN))
        .isEqualTo(millis("2024-01-31T10:00:00Z"));
    assertThat(Timestamps.parse("t", "2024-01-31T10:00:00.123+02:00", BERLIN))
        .isEqualTo(millis("2024-01-31T08:00:00.123Z"));
  }

  @Test
  void otherTextIsRefused() {
    assertThatThrownBy(() -> Timestamps.parse("endingTimestamp", "31/01/2024", BERLIN))
        .hasMessage(
            "The endingTimestamp `31/01/2024` is not a timestamp: use `yyyy-mm-dd hh:mm:ss[.fff]`"
                + " (the server's time zone, Europe/Berlin) or ISO-8601 with an offset, such as"
                + " `2024-01-31T10:00:00Z`.");
  }
}
