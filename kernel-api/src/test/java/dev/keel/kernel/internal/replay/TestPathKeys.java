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
}
