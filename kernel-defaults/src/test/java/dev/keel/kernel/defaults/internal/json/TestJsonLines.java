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

  /** Lines of every kind the skip must judge as the line-by-line test does. */
  private static final String[] KINDS = {
    "{\"add\":{\"path\":\"a}b{\",\"stats\":\"{\\\"n\\\":1}\"}}",
    "{\"remove\":{\"path\":\"x\",\"n\":[1,2,{\"y\":null}]}}",
    " { \"commitInfo\" : 123 }\t",
    "{\"add\":{}}\r",
    "{\"protocol\":{\"minReaderVersion\":1}}",
    "{\"metaData\":{\"id\":\"m\"}}",
    "{\"add\":{},\"protocol\":{}}",
    "{\"a\\\"dd\":{}}",
    "{\"add\":{\"a\":1}",
    "{\"add\":\"unterminated",
    "{\"add\":\"escaped newline\\",
    "{\"add\":1} x",
    "{\"add\":true}",
    "{\"add\":12",
    "{}",
    "[1]",
    "",
    "   ",
    "{\"add\":{\"s\":\"" + "z".repeat(40) + "\"}}",
    // ends of a string or object opened on the line before: never one line with it
    "tail\"}",
    "1}}",
    "{\"add\":{\"a\":",
  };

  @Test
  void skippingAheadJudgesEveryLineAsTheLineByLineTestWhereverChunksEnd() throws Exception {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 300; round++) {
      List<String> source = new ArrayList<>();
      int n = 1 + random.nextInt(30);
      for (int i = 0; i < n; i++) {
        source.add(KINDS[random.nextInt(KINDS.length)]);
      }
      String text = String.join("\n", source) + (random.nextBoolean() ? "\n" : "");
      int chunk = 8 + random.nextInt(120);
      int max = 1 + random.nextInt(5);
      // what the line-by-line test says of each non-blank line, by line number
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < source.size(); i++) {
        String line = source.get(i).strip();
        if (!line.isEmpty()) {
          byte[] b = line.getBytes(StandardCharsets.UTF_8);
          boolean unwanted = JsonLines.isUnwantedSingleField(b, 0, b.length, WANTED);
          expected.add((i + 1) + (unwanted ? " null" : " " + line));
        }
      }
      JsonLines lines =
          new JsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), chunk);
      List<String> got = new ArrayList<>();
      long lineNumber = 0;
      while (true) {
        long before = lines.lineNumber();
        int skipped = lines.skipUnwanted(WANTED, max);
        assertThat(skipped).isBetween(0, max);
        if (skipped > 0) {
          // the skipped lines are the non-blank ones after the last line seen, up to lineNumber()
          int k = 0;
          for (String e : expected) {
            long number = Long.parseLong(e.substring(0, e.indexOf(' ')));
            if (number > before && number <= lines.lineNumber()) {
              got.add(number + " null");
              k++;
            }
          }
          assertThat(k).as("round %d", round).isEqualTo(skipped);
          continue;
        }
        if (!lines.next()) {
          break;
        }
        String line =
            new String(
                lines.buffer(), lines.start, lines.end - lines.start, StandardCharsets.UTF_8);
        boolean unwanted =
            !lines.judgedNotUnwanted()
                && JsonLines.isUnwantedSingleField(lines.buffer(), lines.start, lines.end, WANTED);
        if (lines.judgedNotUnwanted()) {
          assertThat(
                  JsonLines.isUnwantedSingleField(lines.buffer(), lines.start, lines.end, WANTED))
              .as("a line judged wanted, round %d: %s", round, line)
              .isFalse();
        }
        got.add(lines.lineNumber() + (unwanted ? " null" : " " + line));
        assertThat(lines.lineNumber()).isGreaterThan(lineNumber);
        lineNumber = lines.lineNumber();
      }
      assertThat(got)
          .as("round %d, chunk %d, max %d: %s", round, chunk, max, text)
          .isEqualTo(expected);
    }
  }
}
