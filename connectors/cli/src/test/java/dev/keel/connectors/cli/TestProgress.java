package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: when it shows, what it says, and that it is wiped. */
class TestProgress {
  private final StringWriter text = new StringWriter();
  private long now;

  private Progress progress(String unit, boolean enabled) {
    return new Progress(new PrintWriter(text), unit, enabled, () -> now);
  }

  @Test
  void showsNothingInTheFirstHalfSecondThenAtMostFiveTimesASecond() {
    try (Progress p = progress("files", true)) {
      p.update("delete", 1, 10);
      assertThat(text.toString()).isEmpty();
      now = 600_000_000L;
      p.update("delete", 2, 10);
      now += 100_000_000L;
      p.update("delete", 3, 10); // too soon after the last line
      now += 150_000_000L;
      p.update("delete", 4, 10);
      assertThat(text.toString())
          .isEqualTo("\rdelete: 2 files of 10 files (20%)…\rdelete: 4 files of 10 files (40%)…");
    }
    assertThat(text.toString()).endsWith("\r" + " ".repeat(34) + "\r");
  }

  @Test
  void printsBytesInBinaryUnitsAndPadsOverALongerLine() {
    try (Progress p = progress("bytes", true)) {
      now = 600_000_000L;
      p.update("rewrite", 3L << 30, 4L << 30);
      now += 300_000_000L;
      p.update("rewrite", 512, 1536L << 10);
    }
    assertThat(text.toString())
        .isEqualTo(
            "\rrewrite: 3.0 GiB of 4.0 GiB (75%)…"
                + "\rrewrite: 512 bytes of 1.5 MiB (0%)…"
                + "\r"
                + " ".repeat(35)
                + "\r");
  }

  @Test
  void countsTicksAndStaysSilentWithoutATerminal() {
    try (Progress p = progress("rows", false)) {
      now = 1_000_000_000L;
      p.tick();
      p.update("check", 1, 2);
    }
    assertThat(text.toString()).isEmpty();
    try (Progress p = progress("rows", true)) {
      now += 1_000_000_000L;
      p.tick();
      p.tick(); // within the interval
    }
    assertThat(text.toString()).isEqualTo("\r1 rows…\r" + " ".repeat(7) + "\r");
  }
}
