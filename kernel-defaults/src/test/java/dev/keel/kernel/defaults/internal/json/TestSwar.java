package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TestSwar {
  /** Bytes a JSON string may hold as they are: printable ASCII but the quote and the backslash. */
  private static boolean plain(byte c) {
    return c >= 0x20 && c != '"' && c != '\\';
  }

  /**
   * Random arrays whose bytes are mostly printable, sometimes special, of every byte value over the
   * runs.
   */
  private static byte[] randomBytes(Random r, int length, int specialOneIn) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      if (r.nextInt(specialOneIn) == 0) {
        b[i] = (byte) r.nextInt(256);
      } else {
        b[i] = (byte) (0x20 + r.nextInt(0x5F));
      }
    }
    return b;
  }

  @Test
  void findsTheFirstNewlineAsALoopDoes() {
    Random r = new Random(7);
    for (int run = 0; run < 20_000; run++) {
      byte[] b = randomBytes(r, 1 + r.nextInt(64), 1 + r.nextInt(40));
      if (r.nextBoolean()) {
        b[r.nextInt(b.length)] = '\n';
      }
      int from = r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(Swar.indexOfNewline(b, from, to)).as("run %d", run).isEqualTo(expected);
    }
  }

  @Test
  void skipsOnlyWholeWordsOfPlainStringBytes() {
    Random r = new Random(11);
    for (int run = 0; run < 20_000; run++) {
      byte[] b = randomBytes(r, 1 + r.nextInt(64), 1 + r.nextInt(60));
      int from = r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      int i = Swar.skipPlainString(b, from, to);
      assertThat((i - from) % 8).isZero();
      for (int k = from; k < i; k++) {
        assertThat(plain(b[k]))
            .as("run %d: byte %d (0x%02x) skipped", run, k, b[k] & 0xFF)
            .isTrue();
      }
      if (i + 8 <= to) {
        boolean special = false;
        for (int k = i; k < i + 8; k++) {
          special |= !plain(b[k]);
        }
        assertThat(special).as("run %d: stopped at %d before a plain word", run, i).isTrue();
      }
    }
  }

  @Test
  void stopsAtEachKindOfSpecialByteInEveryPosition() {
    byte[] specials = {'"', '\\', 0x00, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
    for (byte s : specials) {
      for (int pos = 0; pos < 16; pos++) {
        byte[] b = "abcdefghijklmnopqrstuvwx".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b[pos] = s;
        assertThat(Swar.skipPlainString(b, 0, b.length))
            .as("0x%02x at %d", s & 0xFF, pos)
            .isEqualTo(pos / 8 * 8);
      }
    }
    byte[] edge = {' ', '!', '#', '[', ']', '~', 0x7F, 'a', 'b'};
    assertThat(Swar.skipPlainString(edge, 0, edge.length)).isEqualTo(8);
  }
}
