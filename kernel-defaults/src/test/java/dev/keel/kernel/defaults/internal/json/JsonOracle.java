package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keel's {@link JsonReader} held to Jackson on the same bytes: the same tokens and texts where
 * Jackson accepts the input, a {@link JsonReader.SyntaxError} exactly where Jackson refuses it, and
 * nothing else thrown. The oracle of the differential tests and of the fuzz target.
 */
final class JsonOracle {
  private static final JsonFactory JACKSON = new JsonFactory();

  private JsonOracle() {}

  /**
   * @throws AssertionError if the reader and Jackson disagree; any other exception the reader
   *     throws propagates
   */
  static void check(byte[] bytes) {
    if (hasZeroByte(bytes) || !isUtf8(bytes)) {
      // A log is UTF-8 JSON (RFC 8259): no zero byte (no token, and escaped inside strings) and
      // no invalid UTF-8. Jackson is no oracle there: it takes zero bytes for UTF-16 or UTF-32,
      // and a field name whose bytes its name cache holds is not decoded again.
      assertThat(refuses(bytes))
          .as("the reader accepted a zero byte or invalid UTF-8: %s", printable(bytes))
          .isTrue();
      return;
    }
    JsonProcessingException jackson = JsonReader.jacksonError(JACKSON, bytes, 0, bytes.length);
    List<String> ours;
    try {
      ours = tokens(new JsonReader(bytes, 0, bytes.length));
    } catch (JsonReader.SyntaxError e) {
      assertThat(jackson)
          .as("the reader refused what Jackson accepts: %s", printable(bytes))
          .isNotNull();
      return;
    }
    assertThat(jackson)
        .as("the reader accepted what Jackson refuses: %s", printable(bytes))
        .isNull();
    assertThat(ours).as(printable(bytes)).isEqualTo(tokensOfJackson(bytes));
  }

  private static boolean hasZeroByte(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static boolean refuses(byte[] bytes) {
    try {
      tokens(new JsonReader(bytes, 0, bytes.length));
      return false;
    } catch (JsonReader.SyntaxError e) {
      return true;
    }
  }

  static List<String> tokens(JsonReader r) {
    List<String> out = new ArrayList<>();
    for (int t; (t = r.next()) != JsonReader.END; ) {
      out.add(describe(t) + " " + r.text());
      if (t == JsonReader.STRING || t == JsonReader.FIELD_NAME) {
        int n = r.unescape();
        if (n >= 0) { // the byte-level unescaping agrees with the decoded text
          assertThat(new String(r.unescapedBytes(), 0, n, StandardCharsets.UTF_8))
              .isEqualTo(r.text());
        }
      }
    }
    return out;
  }

  /**
   * {@link #tokens(JsonReader)} read with {@link JsonReader#nextName}, each call with a guess
   * picked at random from {@code guesses} (null among them for none), and after each name (and now
   * and then elsewhere) with {@link JsonReader#nextValue}, checking that a name is reported as
   * guessed exactly when it is the guess as written, without escapes.
   *
   * @param guessed counts, in its one element, the names recognised as the guess
   */
  static List<String> tokensGuessing(
      JsonReader r, byte[][] guesses, java.util.Random random, int[] guessed) {
    List<String> out = new ArrayList<>();
    boolean afterName = false;
    while (true) {
      byte[] guess = guesses[random.nextInt(guesses.length)];
      // after a name its value, as the writers read it; elsewhere nextValue is next
      if (afterName || random.nextInt(4) == 0) {
        guess = null; // no name expected
      }
      int t = guess == null ? r.nextValue() : r.nextName(guess);
      afterName = t == JsonReader.FIELD_NAME;
      if (t == JsonReader.END) {
        return out;
      }
      if (t == JsonReader.FIELD_NAME) {
        boolean asWritten =
            guess != null
                && r.isPlain()
                && r.text().equals(new String(guess, StandardCharsets.UTF_8));
        assertThat(r.guessed()).as("name `%s`, guess %s", r.text(), guess).isEqualTo(asWritten);
        guessed[0] += asWritten ? 1 : 0;
      }
      out.add(describe(t) + " " + r.text());
    }
  }

  private static String describe(int t) {
    return switch (t) {
      case JsonReader.START_OBJECT -> "{";
      case JsonReader.END_OBJECT -> "}";
      case JsonReader.START_ARRAY -> "[";
      case JsonReader.END_ARRAY -> "]";
      case JsonReader.FIELD_NAME -> "name";
      case JsonReader.STRING -> "string";
      case JsonReader.NUMBER_INT -> "int";
      case JsonReader.NUMBER_FLOAT -> "float";
      default -> "literal";
    };
  }

  static List<String> tokensOfJackson(byte[] bytes) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JACKSON.createParser(bytes)) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        String kind =
            switch (t) {
              case START_OBJECT -> "{";
              case END_OBJECT -> "}";
              case START_ARRAY -> "[";
              case END_ARRAY -> "]";
              case FIELD_NAME -> "name";
              case VALUE_STRING -> "string";
              case VALUE_NUMBER_INT -> "int";
              case VALUE_NUMBER_FLOAT -> "float";
              default -> "literal";
            };
        out.add(kind + " " + (t == JsonToken.FIELD_NAME ? p.currentName() : p.getText()));
      }
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          "Jackson refused `" + printable(bytes) + "`: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The bytes as text where they are, for messages (at most 2,000 characters). */
  static String printable(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }
}
