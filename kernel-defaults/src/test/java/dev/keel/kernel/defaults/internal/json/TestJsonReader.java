package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonReader} against Jackson as the oracle: on valid input both give the same tokens and
 * texts; on invalid input the reader refuses exactly where Jackson does.
 */
class TestJsonReader {
  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void givesJacksonsTokensAndTexts() throws IOException {
    String[] documents = {
      "{\"add\":{\"path\":\"a/b.parquet\",\"partitionValues\":{\"p\":\"1\",\"q\":null},\"size\":12,\"dataChange\":true}}",
      " {\"a\" : [1, -2, 0, -0, 3.25, 1e5, 1E+5, -2.5e-3, 123456789012345678901234], \"b\": {}, \"c\": []} ",
      "{\"s\":\"tab\\t quote\\\" slash\\/ back\\\\ \\b\\f\\n\\r \\u00e9 \\ud83d\\ude00 \\ud800 lone\"}",
      "{\"utf8\":\"é ü 中 😀\", \"é\":false}\n{\"next\":\"line\"}\r\n[null, true, false, \"\"]",
      "\"root string\" 42 true null",
      "[[[[]]], {\"x\":{\"y\":{\"z\":[{}]}}}]",
      "",
      "   \n\t ",
    };
    for (String d : documents) {
      assertThat(tokensOfReader(d)).as(d).isEqualTo(tokensOfJackson(d));
    }
  }

  @Test
  void givesJacksonsTokensOnGeneratedDocuments() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      String d = randomValue(random, 0);
      assertThat(tokensOfReader(d)).as(d).isEqualTo(tokensOfJackson(d));
    }
  }

  @Test
  void refusesWhereJacksonComplainsAndOnlyThere() throws IOException {
    String[] invalid = {
      "{\"a\":}",
      "{\"a\" 1}",
      "{\"a\":1,}",
      "[1,]",
      "[1 2]",
      "{1:2}",
      "{'a':1}",
      "[01]",
      "[1.]",
      "[.5]",
      "[-]",
      "[1e]",
      "[+1]",
      "[NaN]",
      "[tru]",
      "[truex]",
      "[nul]",
      "{\"a\":1",
      "[\"unterminated]",
      "[\"bad \\x escape\"]",
      "[\"\\u12g4\"]",
      "[\"raw \t tab\"]",
      "{\"a\":1}}",
      "]",
      "[1}",
      "{\"a\":1]",
      "[1{}]",
      "2{",
    };
    for (String d : invalid) {
      byte[] bytes = d.getBytes(StandardCharsets.UTF_8);
      assertThat(JsonReader.jacksonError(JACKSON, bytes, 0, bytes.length)).as(d).isNotNull();
      assertThatThrownBy(() -> tokensOfReader(d)).as(d).isSameAs(JsonReader.SyntaxError.INSTANCE);
    }
    byte[][] badUtf8 = {
      {'"', (byte) 0x80, '"'},
      {'"', (byte) 0xC3, 'a', '"'},
      {'"', (byte) 0xF8, 'a', 'a', 'a', '"'},
      {'"', (byte) 0xE4, (byte) 0xB8, '"'},
    };
    for (byte[] bytes : badUtf8) {
      assertThat(JsonReader.jacksonError(JACKSON, bytes, 0, bytes.length)).isNotNull();
      assertThatThrownBy(() -> tokens(new JsonReader(bytes, 0, bytes.length)))
          .isSameAs(JsonReader.SyntaxError.INSTANCE);
    }
  }

  @Test
  void refusesMutatedDocumentsExactlyWhenJacksonDoes() throws IOException {
    Random random = new Random(11);
    String alphabet = "{}[]:,\"\\ 0123456789-+.eEtrufalsn\u00e9x";
    int refused = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder d = new StringBuilder(randomValue(random, 0));
      int at = random.nextInt(d.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> d.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        case 1 -> d.delete(Math.min(at, d.length() - 1), Math.min(at + 1, d.length()));
        default -> {
          if (at < d.length()) {
            d.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
      }
      byte[] bytes = d.toString().getBytes(StandardCharsets.UTF_8);
      JsonProcessingException jackson = JsonReader.jacksonError(JACKSON, bytes, 0, bytes.length);
      boolean ours;
      try {
        assertThat(tokens(new JsonReader(bytes, 0, bytes.length)))
            .as(d.toString())
            .isEqualTo(tokensOfJackson(d.toString()));
        ours = false;
      } catch (JsonReader.SyntaxError e) {
        ours = true;
        refused++;
      }
      assertThat(ours).as("refused `%s`; Jackson: %s", d, jackson).isEqualTo(jackson != null);
    }
    assertThat(refused).isBetween(1_000, 4_900); // both kinds of input were exercised
  }

  @Test
  void readsTheSameTokensAndRefusesTheSameInputWhateverNameIsGuessedOrValueExpected()
      throws IOException {
    byte[][] guesses = {
      null,
      "a".getBytes(StandardCharsets.UTF_8),
      "aa".getBytes(StandardCharsets.UTF_8),
      "".getBytes(StandardCharsets.UTF_8),
      "path/x.parquet".getBytes(StandardCharsets.UTF_8),
      "path/x.parque".getBytes(StandardCharsets.UTF_8),
      "path/x.parquetpath/x.parquet".getBytes(StandardCharsets.UTF_8),
      " ".getBytes(StandardCharsets.UTF_8),
      "partitionValues".getBytes(StandardCharsets.UTF_8),
      "partitionValuez".getBytes(StandardCharsets.UTF_8),
      "partitionValue".getBytes(StandardCharsets.UTF_8),
    };
    for (byte[] g : guesses) {
      assertThat(g == null || JsonReader.isGuessable(g)).isTrue();
    }
    // names as a log writes them, some equal to a guess, some close to one, some escaped
    String[] names = {
      "a",
      "aa",
      "",
      " ",
      "path/x.parquet",
      "path/x.parquetX",
      "p\\u0061th/x.parquet",
      "é",
      "partitionValues"
    };
    Random random = new Random(13);
    String alphabet = "{}[]:,\"\\ ax.";
    int[] guessed = {0};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder d = new StringBuilder(objectOfNames(random, names));
      if (i % 2 == 1) { // mutated: the refusals must agree too
        int at = random.nextInt(d.length());
        d.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      }
      byte[] bytes = d.toString().getBytes(StandardCharsets.UTF_8);
      List<String> expected;
      try {
        expected = tokens(new JsonReader(bytes, 0, bytes.length));
      } catch (JsonReader.SyntaxError e) {
        expected = null;
      }
      List<String> got;
      try {
        got =
            JsonOracle.tokensGuessing(
                new JsonReader(bytes, 0, bytes.length), guesses, random, guessed);
      } catch (JsonReader.SyntaxError e) {
        got = null;
      }
      assertThat(got).as(d.toString()).isEqualTo(expected);
    }
    assertThat(guessed[0]).as("names recognised as the guess").isGreaterThan(200);
  }

  @Test
  void guessesOnlyNamesThatArePrintableAsciiWithoutEscapes() {
    assertThat(JsonReader.isGuessable("partitionValues".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(JsonReader.isGuessable("é".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(JsonReader.isGuessable("a\"b".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(JsonReader.isGuessable("a\\b".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(JsonReader.isGuessable("tab\t".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(JsonReader.isGuessable("x".repeat(50_001).getBytes(StandardCharsets.UTF_8)))
        .as("longer than Jackson reads")
        .isFalse();
    // a name written with an escape is the same name, but not recognised as the guess
    JsonReader r = reader("{\"p\\u0061th\":1,\"path\" :2,\"pathX\":3}");
    byte[] path = "path".getBytes(StandardCharsets.UTF_8);
    assertThat(r.nextName(path)).isEqualTo(JsonReader.START_OBJECT);
    assertThat(r.nextName(path)).isEqualTo(JsonReader.FIELD_NAME);
    assertThat(r.guessed()).isFalse();
    assertThat(r.nameIs(path)).isTrue();
    r.next();
    assertThat(r.nextName(path)).isEqualTo(JsonReader.FIELD_NAME);
    assertThat(r.guessed()).isTrue();
    r.next();
    assertThat(r.nextName(path)).isEqualTo(JsonReader.FIELD_NAME);
    assertThat(r.guessed()).isFalse();
    assertThat(r.text()).isEqualTo("pathX");
  }

  @Test
  void readsIntegersAndNumbersAsJacksonDoes() throws IOException {
    String[] numbers = {
      "0",
      "-0",
      "7",
      "-9223372036854775808",
      "9223372036854775807",
      "123456789012345678",
      "-1234567890123456789",
      "1000000000000000000",
      "-9223372036854775807",
      "9223372036854775806"
    };
    for (String n : numbers) {
      JsonReader r = reader("[" + n + "]");
      r.next();
      assertThat(r.next()).isEqualTo(JsonReader.NUMBER_INT);
      assertThat(r.longValue()).isEqualTo(Long.parseLong(n));
    }
    for (String tooBig :
        new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
      JsonReader big = reader("[" + tooBig + "]");
      big.next();
      big.next();
      assertThatThrownBy(big::longValue)
          .isInstanceOf(ArithmeticException.class)
          .hasMessage("Overflow: " + tooBig + " is not a long");
    }
    JsonReader f = reader("[2.5e-3]");
    f.next();
    assertThat(f.next()).isEqualTo(JsonReader.NUMBER_FLOAT);
    assertThat(f.doubleValue()).isEqualTo(0.0025);
    assertThat(f.decimalValue()).isEqualByComparingTo("0.0025");
  }

  @Test
  void readsDoublesAsTheJdkDoes() {
    List<String> numbers =
        new java.util.ArrayList<>(
            List.of(
                "0.0",
                "-0.0",
                "1e-400",
                "-1e400",
                "4.9e-324",
                "2.4703282292062327e-324", // halfway to the smallest subnormal
                "2.2250738585072011e-308", // the largest subnormal's neighbour, a hard case
                "1.7976931348623157e308",
                "1.7976931348623158e308",
                "9007199254740993", // 2^53 + 1: rounds to even
                "0.1",
                "123456789012345678901234567890.123456789e-10",
                "1E+22",
                "1e23",
                "-5.0E-1"));
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      double d =
          switch (i % 4) {
            case 0 -> random.nextDouble();
            case 1 -> Double.longBitsToDouble(random.nextLong()); // any exponent, subnormals
            case 2 -> (random.nextLong() % 1_000_000_000L) / 1000.0;
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
          };
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        numbers.add(Double.toString(d));
        numbers.add(new java.math.BigDecimal(d).toString()); // every digit of its exact value
      }
    }
    for (String n : numbers) {
      JsonReader r = reader("[" + n + "]");
      r.next();
      r.next();
      assertThat(Double.doubleToRawLongBits(r.doubleValue()))
          .as(n)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(n)));
    }
  }

  @Test
  void comparesFieldNamesAsBytesEscapedOrNot() {
    JsonReader r = reader("{\"path\":1,\"p\\u0061th\":2,\"é\":3}");
    r.next();
    r.next();
    assertThat(r.nameIs("path".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(r.nameIs("pat".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(r.isPlain()).isTrue();
    r.next();
    r.next();
    assertThat(r.isPlain()).isFalse();
    assertThat(r.nameIs("path".getBytes(StandardCharsets.UTF_8))).isTrue();
    r.next();
    r.next();
    assertThat(r.nameIs("é".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void unescapesAsciiStringsByteByByteAndLeavesTheRestToText() {
    JsonReader r = reader("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"plain\", \"\\u0041\", \"é\\n\"]");
    r.next();
    r.next();
    int n = r.unescape();
    assertThat(new String(r.unescapedBytes(), 0, n, StandardCharsets.US_ASCII))
        .isEqualTo("a\"b\\c/d\b\f\n\r\t");
    r.next();
    assertThat(r.isPlain()).isTrue();
    assertThat(r.unescape()).isEqualTo(-1);
    r.next();
    assertThat(r.unescape()).isEqualTo(-1);
    assertThat(r.text()).isEqualTo("A");
    r.next();
    assertThat(r.unescape()).isEqualTo(-1);
    assertThat(r.text()).isEqualTo("é\n");
  }

  @Test
  void skipsChildrenAndKnowsTheLineOfAToken() {
    JsonReader r = reader("{\"a\":{\"b\":[1,{\"c\":2}]},\n\"d\":\n[3]}");
    r.next();
    r.next();
    assertThat(r.next()).isEqualTo(JsonReader.START_OBJECT);
    int from = r.tokenStart();
    r.skipChildren();
    assertThat(r.token()).isEqualTo(JsonReader.END_OBJECT);
    assertThat(new String(r.bytes(), from, r.position() - from, StandardCharsets.UTF_8))
        .isEqualTo("{\"b\":[1,{\"c\":2}]}");
    assertThat(r.next()).isEqualTo(JsonReader.FIELD_NAME);
    assertThat(r.lineOfToken()).isEqualTo(2);
    assertThat(r.next()).isEqualTo(JsonReader.START_ARRAY);
    assertThat(r.lineOfToken()).isEqualTo(3);
  }

  private static JsonReader reader(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return new JsonReader(b, 0, b.length);
  }

  private static List<String> tokensOfReader(String s) {
    return tokens(reader(s));
  }

  private static List<String> tokens(JsonReader r) {
    return JsonOracle.tokens(r);
  }

  private static List<String> tokensOfJackson(String s) {
    return JsonOracle.tokensOfJackson(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 4 : 6);
    String space = random.nextInt(5) == 0 ? " \n\t".substring(random.nextInt(3)) : "";
    return space
        + switch (kind) {
          case 0 -> randomString(random);
          case 1 -> randomNumber(random);
          case 2 -> new String[] {"true", "false", "null"}[random.nextInt(3)];
          case 3 -> random.nextBoolean() ? "{}" : "[]";
          case 4 -> {
            StringBuilder o = new StringBuilder("{");
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
              o.append(k > 0 ? "," : "")
                  .append(randomString(random))
                  .append(random.nextBoolean() ? ":" : " : ")
                  .append(randomValue(random, depth + 1));
            }
            yield o.append('}').toString();
          }
          default -> {
            StringBuilder a = new StringBuilder("[");
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
              a.append(k > 0 ? "," : "").append(randomValue(random, depth + 1));
            }
            yield a.append(']').toString();
          }
        }
        + space;
  }

  /** An object (sometimes nested) whose field names come from {@code names}, values at random. */
  private static String objectOfNames(Random random, String[] names) {
    StringBuilder o = new StringBuilder("{");
    int n = random.nextInt(5);
    for (int k = 0; k < n; k++) {
      o.append(k > 0 ? "," : "")
          .append('"')
          .append(names[random.nextInt(names.length)])
          .append(random.nextInt(4) == 0 ? "\" : " : "\":")
          .append(random.nextInt(3) == 0 ? objectOfNames(random, names) : randomValue(random, 2));
    }
    return o.append('}').toString();
  }

  private static String randomString(Random random) {
    String[] pieces = {
      "a",
      "path/x.parquet",
      " ",
      "\\\"",
      "\\\\",
      "\\/",
      "\\n",
      "\\t",
      "\\u0041",
      "\\ud83d\\ude00",
      "é",
      "中",
      "😀",
      "\\u00e9"
    };
    StringBuilder s = new StringBuilder("\"");
    int n = random.nextInt(5);
    for (int k = 0; k < n; k++) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.append('"').toString();
  }

  private static String randomNumber(Random random) {
    String[] numbers = {
      "0",
      "-0",
      "1",
      "-17",
      "123456789",
      "3.5",
      "-0.25",
      "1e3",
      "2E-2",
      "6.02e+23",
      "9223372036854775807"
    };
    return numbers[random.nextInt(numbers.length)];
  }
}
