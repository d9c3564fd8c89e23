package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestJsonStrings {
  @Test
  void decodesAsJacksonDoes() throws IOException {
    String[] bodies = {
      "plain",
      "a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t",
      "\\u00e9\\u4e2d",
      "\\ud83d\\ude00",
      "\\ud800 lone",
      "é 中 😀",
      ""
    };
    for (String body : bodies) {
      byte[] quoted = ("\"" + body + "\"").getBytes(StandardCharsets.UTF_8);
      String jackson;
      try (JsonParser p = new JsonFactory().createParser(quoted)) {
        p.nextToken();
        jackson = p.getText();
      }
      assertThat(JsonStrings.decode(quoted, 1, quoted.length - 1)).as(body).isEqualTo(jackson);
    }
  }

  @Test
  void unescapesAsciiByteByByte() {
    byte[] b = "x\\\"y\\\\z\\/\\n\\tw".getBytes(StandardCharsets.US_ASCII);
    byte[] out = JsonStrings.buffer(b.length);
    int n = JsonStrings.unescapeAscii(b, 1, b.length, out);
    assertThat(new String(out, 0, n, StandardCharsets.US_ASCII)).isEqualTo("\"y\\z/\n\tw");
  }

  @Test
  void knowsTheLengthOfAUtf8Sequence() {
    assertThat(JsonStrings.sequenceLength((byte) 0xC3)).isEqualTo(2);
    assertThat(JsonStrings.sequenceLength((byte) 0xE4)).isEqualTo(3);
    assertThat(JsonStrings.sequenceLength((byte) 0xF0)).isEqualTo(4);
    assertThat(JsonStrings.sequenceLength((byte) 0x80)).isEqualTo(-1);
    assertThat(JsonStrings.sequenceLength((byte) 0xF8)).isEqualTo(-1);
  }
}
