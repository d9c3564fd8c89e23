package dev.keel.kernel.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestPathKeys {
  @Test
  void aPathIsPlainAsBytesExactlyWhenItIsItsOwnCanonicalForm() {
    PathKeys keys = new PathKeys("/tmp/table");
    String[] plain = {"a.parquet", "part=1/file-00_1.snappy.parquet", "A/B/c"};
    String[] notPlain = {
      "",
      "/tmp/table/a.parquet",
      "a%20b.parquet",
      "a b.parquet",
      "é.parquet",
      "file:/tmp/table/x",
      "a:b"
    };
    for (String p : plain) {
      byte[] b = (p + "trailing bytes ignored").getBytes(StandardCharsets.UTF_8);
      assertThat(PathKeys.isPlain(b, p.length())).as(p).isTrue();
      assertThat(keys.canonicalPath(p)).isEqualTo(p);
    }
    for (String p : notPlain) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      assertThat(PathKeys.isPlain(b, b.length)).as(p).isFalse();
    }
  }

  @Test
  void everyByteValueAtEveryPlaceOfAWordIsJudgedAsByTheCharacterTable() {
    String plainChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=/";
    String base = "part=1/file-00_1.snappy.parquet"; // 31 bytes: three words and a tail
    for (int place = 1; place < base.length(); place++) {
      for (int v = 0; v < 256; v++) {
        byte[] b = base.getBytes(StandardCharsets.US_ASCII);
        b[place] = (byte) v;
        boolean expected = v < 128 && plainChars.indexOf(v) >= 0;
        assertThat(PathKeys.isPlain(b, b.length)).as("0x%02x at %d", v, place).isEqualTo(expected);
      }
    }
    java.util.Random random = new java.util.Random(5);
    for (int run = 0; run < 20_000; run++) {
      byte[] b = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] =
            random.nextInt(20) == 0
                ? (byte) random.nextInt(256)
                : (byte) plainChars.charAt(random.nextInt(plainChars.length()));
      }
      int n = random.nextInt(b.length + 1);
      boolean expected = n > 0 && b[0] != '/';
      for (int i = 0; i < n && expected; i++) {
        expected = b[i] >= 0 && plainChars.indexOf(b[i]) >= 0;
      }
      assertThat(PathKeys.isPlain(b, n)).as("run %d", run).isEqualTo(expected);
    }
  }
}
