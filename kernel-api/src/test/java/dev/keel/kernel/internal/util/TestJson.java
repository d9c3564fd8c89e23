package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestJson {
  @Test
  void parsesEveryKindOfValue() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2.5, 1e3, true, false, null], \"b\": {\"c\": \"x\\\"y\\u0041\\n\"}} ");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", Arrays.asList(1L, -2.5, 1000.0, true, false, null));
    expected.put("b", Map.of("c", "x\"yA\n"));
    assertThat(v).isEqualTo(expected);
  }

  @Test
  void keepsKeyOrder() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");
    assertThat(m.keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void integersBeyondLongBecomeDoubles() {
    assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.parse("92233720368547758070")).isEqualTo(9.223372036854776E19);
  }

  @Test
  void writesCompactJsonWithEscapes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", "a\"b\\c\u0001\t");
    m.put("n", null);
    m.put("l", List.of(1L, 2.5, true));
    assertThat(Json.toJson(m))
        .isEqualTo("{\"k\":\"a\\\"b\\\\c\\u0001\\t\",\"n\":null,\"l\":[1,2.5,true]}");
  }

  @Test
  void roundTripsThroughWriteAndParse() {
    String text = "{\"a\":{\"b\":[{\"c\":\"\\u001f\"}]},\"d\":-0.5}";
    assertThat(Json.toJson(Json.parse(text))).isEqualTo(text);
  }

  @Test
  void quotesWithUpperCaseHexWhenAsked() {
    StringBuilder lower = new StringBuilder();
    Json.quote(lower, "a\u001f");
    StringBuilder upper = new StringBuilder();
    Json.quote(upper, "a\u001f", true);
    assertThat(lower.toString()).isEqualTo("\"a\\u001f\"");
    assertThat(upper.toString()).isEqualTo("\"a\\u001F\"");
  }

  @Test
  void reportsTheOffsetOfSyntaxErrors() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
        .isInstanceOf(Json.JsonSyntaxException.class)
        .hasMessage("Malformed JSON at offset 5: expected ':'");
    assertThatThrownBy(() -> Json.parse("[1,2"))
        .hasMessage("Malformed JSON at offset 4: unexpected end of input in an array");
    assertThatThrownBy(() -> Json.parse("{} x"))
        .hasMessage("Malformed JSON at offset 3: unexpected trailing characters");
    assertThatThrownBy(() -> Json.parse("\"abc"))
        .hasMessage("Malformed JSON at offset 4: unterminated string");
    assertThatThrownBy(() -> Json.parse("nul"))
        .hasMessage("Malformed JSON at offset 0: expected null");
  }

  @Test
  void refusesWhatRfc8259DoesNotAllow() {
    assertThatThrownBy(() -> Json.parse("01"))
        .hasMessage("Malformed JSON at offset 1: unexpected trailing characters");
    assertThatThrownBy(() -> Json.parse("[1.]"))
        .hasMessage("Malformed JSON at offset 3: invalid number");
    assertThatThrownBy(() -> Json.parse("-"))
        .hasMessage("Malformed JSON at offset 1: invalid number");
    assertThatThrownBy(() -> Json.parse("1e+"))
        .hasMessage("Malformed JSON at offset 3: invalid number");
    assertThatThrownBy(() -> Json.parse("\"a\tb\""))
        .hasMessage("Malformed JSON at offset 2: control character in a string");
    assertThatThrownBy(() -> Json.parse("\"\\u+123\""))
        .hasMessage("Malformed JSON at offset 3: invalid \\u escape");
    assertThat(Json.parse("[-0,0.5e-3,1E2]")).isEqualTo(List.of(0L, 0.5e-3, 100.0));
  }

  @Test
  void refusesNestingDeeperThanJacksonAllows() {
    assertThat(Json.parse("[".repeat(1_000) + "]".repeat(1_000))).isInstanceOf(List.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(1_001) + "]".repeat(1_001)))
        .hasMessage("Malformed JSON at offset 1000: nested deeper than 1000 levels");
    assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(100_000)))
        .hasMessage("Malformed JSON at offset 5000: nested deeper than 1000 levels");
  }
}
