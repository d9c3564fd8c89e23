package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonLines {
  private static final byte[][] WANTED = JsonLines.names(List.of("protocol", "metaData"));

  private static boolean skippable(String line) {
    byte[] b = ("  " + line + " ").getBytes(StandardCharsets.UTF_8);
    return JsonLines.isUnwantedSingleField(b, 2, b.length - 1, WANTED);
  }

  @Test
  void skipsOnlyCompleteObjectsWhoseSingleFieldIsUnwanted() {
    assertThat(skippable("{\"add\":{\"path\":\"a}b{\",\"n\":[1,{\"x\":\"]\"}],\"s\":\"q\\\"}\"}}"))
        .isTrue();
    assertThat(skippable("{ \"add\" : { } }")).isTrue();
    assertThat(skippable("{\"commitInfo\":123}")).isTrue();
    assertThat(skippable("{\"x\":\"é\\u00e9\"}")).isTrue();
    assertThat(skippable("{\"protocol\":{}}")).as("wanted").isFalse();
    assertThat(skippable("{\"add\":{},\"protocol\":{}}")).as("a second field").isFalse();
    assertThat(skippable("{\"a\\\"dd\":{}}")).as("escaped key").isFalse();
    assertThat(skippable("{\"add\":{\"a\":1}")).as("unbalanced").isFalse();
    assertThat(skippable("{\"add\":\"unterminated}")).isFalse();
    assertThat(skippable("{\"add\":1} x")).as("trailing text").isFalse();
    assertThat(skippable("{}")).isFalse();
    assertThat(skippable("[1]")).isFalse();
    assertThat(skippable("{\"add\":}")).as("no value").isFalse();
    assertThat(skippable("{\"protocolX\":1}")).as("a prefix of a wanted name is not it").isTrue();
    assertThat(skippable("{\"proto\":1}")).isTrue();
  }

  @Test
  void escapesAreFoundWhereverTheyFallInAWord() {
    // Escapes at every offset in an eight-byte word, for a skip that reads strings word by word.
    for (int k = 0; k < 20; k++) {
      String a = "a".repeat(k);
      String b = "b".repeat(k);
      assertThat(skippable("{\"add\":{\"s\":\"" + a + "\\\"}{" + b + "\\\\\"}}"))
          .as("escaped quote and backslash after %d bytes", k)
          .isTrue();
      assertThat(skippable("{\"add\":\"" + a + "\\\"}"))
          .as("the closing quote escaped after %d bytes", k)
          .isFalse();
      assertThat(skippable("{\"add\":{\"s\":\"" + a + "\"},\"protocol\":{}}"))
          .as("a second field after a string of %d bytes", k)
          .isFalse();
    }
  }

  @Test
  void splitsLinesAcrossChunkBoundariesSkippingBlanks() throws Exception {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String line = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 7) + "\"}";
      expected.add(line);
      text.append(line).append(i % 3 == 0 ? "\r\n" : "\n").append(i % 5 == 0 ? "   \n\n" : "");
    }
    text.setLength(text.length() - 1); // no newline after the last line
    JsonLines lines =
        new JsonLines(
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), 16);
    List<String> got = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    while (lines.next()) {
      got.add(
          new String(lines.buffer(), lines.start, lines.end - lines.start, StandardCharsets.UTF_8));
      numbers.add(lines.lineNumber());
    }
    assertThat(got).isEqualTo(expected);
    assertThat(numbers.get(0)).isEqualTo(1);
    assertThat(numbers.get(1)).as("after line 1 and two blank lines").isEqualTo(4);
    assertThat(lines.next()).isFalse();
  }
}
