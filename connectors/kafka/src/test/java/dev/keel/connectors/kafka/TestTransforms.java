package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The transform expressions: what each evaluates to, and the errors of those that do not parse. */
class TestTransforms {
  private static final ConsumerRecord<byte[], byte[]> RECORD =
      new ConsumerRecord<>("orders", 2, 41L, "k-1".getBytes(StandardCharsets.UTF_8), new byte[0]);

  private static String apply(String message, String... specs) throws Exception {
    return new String(
        new Transforms(List.of(specs)).apply(message.getBytes(StandardCharsets.UTF_8), RECORD),
        StandardCharsets.UTF_8);
  }

  @Test
  void setsColumnsFromFieldsMetadataLiteralsAndFunctions() throws Exception {
    assertThat(
            apply(
                "{\"user\":{\"name\":\"Ada\",\"ms\":1765015200123},\"n\":\"7\"}",
                "who: upper(user.name)",
                "partition: kafka.partition",
                "offset: kafka.offset",
                "source: concat(kafka.topic, '/', kafka.key)",
                "at: timestamp_millis(user.ms)",
                "day: date(at)",
                "n: long(n)",
                "missing: coalesce(user.nothing, 'it''s absent')",
                "short: substr(user.name, 1, 5)",
                "flag: true"))
        .isEqualTo(
            "{\"user\":{\"name\":\"Ada\",\"ms\":1765015200123},\"n\":7,\"who\":\"ADA\","
                + "\"partition\":2,\"offset\":41,\"source\":\"orders/k-1\","
                + "\"at\":\"2025-12-06T10:00:00.123Z\",\"day\":\"2025-12-06\","
                + "\"missing\":\"it's absent\",\"short\":\"da\",\"flag\":true}");
    assertThat(apply("{\"a\":null}", "b: lower(a)", "c: concat('x', a)"))
        .isEqualTo("{\"a\":null,\"b\":null,\"c\":null}");
  }

  @Test
  void refusesWhatDoesNotParseNamingThePlace() {
    assertThatThrownBy(() -> new Transforms(List.of("no colon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid transform `no colon`: write it as `column: expression`.");
    assertThatThrownBy(() -> new Transforms(List.of("a: shout(b)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid transform `a: shout(b)` at character 4: no function `shout`; functions:"
                + " [coalesce, concat, date, double, long, lower, string, substr, timestamp_micros,"
                + " timestamp_millis, upper].");
    assertThatThrownBy(() -> new Transforms(List.of("a: substr(b, 1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid transform `a: substr(b, 1)` at character 4: `substr` takes 3 argument(s).");
    assertThatThrownBy(() -> new Transforms(List.of("a: 'open")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid transform `a: 'open` at character 9: a quote is not closed.");
    assertThatThrownBy(() -> new Transforms(List.of("a: b c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid transform `a: b c` at character 6: unexpected `c`.");
  }

  @Test
  void aMessageThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> apply("[1]", "a: 1"))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("the message is not a JSON object");
  }
}
