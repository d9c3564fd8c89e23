package dev.keel.connectors.sharing.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestJsonPredicateHints {
  private static final StructType SCHEMA =
      new StructType(java.util.List.of())
          .add("hireDate", DataTypes.DATE)
          .add("id", DataTypes.INTEGER)
          .add("big", DataTypes.LONG)
          .add("name", DataTypes.STRING)
          .add("ok", DataTypes.BOOLEAN)
          .add("score", DataTypes.DOUBLE);

  private static String convert(String json) {
    return JsonPredicateHints.toPredicate(json, SCHEMA).map(Object::toString).orElse("unused");
  }

  @Test
  void theProtocolsExamplesConvert() {
    assertThat(
            convert(
                "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"hireDate\",\"valueType\":\"date\"},"
                    + "{\"op\":\"literal\",\"value\":\"2021-04-29\",\"valueType\":\"date\"}]}"))
        .isEqualTo(
            convertedOf(
                dev.keel.kernel.expressions.Expressions.equal(
                    dev.keel.kernel.expressions.Expressions.column("hireDate"),
                    dev.keel.kernel.expressions.Literal.ofDate(
                        java.time.LocalDate.of(2021, 4, 29)))));
    assertThat(
            convert(
                "{\"op\":\"and\",\"children\":[{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"hireDate\",\"valueType\":\"date\"},"
                    + "{\"op\":\"literal\",\"value\":\"2021-04-29\",\"valueType\":\"date\"}]},"
                    + "{\"op\":\"lessThan\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"},"
                    + "{\"op\":\"literal\",\"value\":\"25\",\"valueType\":\"int\"}]}]}"))
        .isEqualTo(
            convertedOf(
                dev.keel.kernel.expressions.Expressions.and(
                    dev.keel.kernel.expressions.Expressions.equal(
                        dev.keel.kernel.expressions.Expressions.column("hireDate"),
                        dev.keel.kernel.expressions.Literal.ofDate(
                            java.time.LocalDate.of(2021, 4, 29))),
                    dev.keel.kernel.expressions.Expressions.lessThan(
                        dev.keel.kernel.expressions.Expressions.column("id"),
                        dev.keel.kernel.expressions.Literal.ofInt(25)))));
    assertThat(
            convert(
                "{\"op\":\"not\",\"children\":[{\"op\":\"isNull\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"}]}]}"))
        .isEqualTo(
            convertedOf(
                dev.keel.kernel.expressions.Expressions.not(
                    dev.keel.kernel.expressions.Expressions.isNull(
                        dev.keel.kernel.expressions.Expressions.column("id")))));
  }

  private static String convertedOf(dev.keel.kernel.expressions.Predicate p) {
    return p.toString();
  }

  @Test
  void literalsTakeTheColumnsTypeWhereThatIsExact() {
    // an int literal for a long column, a literal on the left
    assertThat(
            convert(
                "{\"op\":\"greaterThanOrEqual\",\"children\":[{\"op\":\"literal\",\"value\":\"7\",\"valueType\":\"int\"},"
                    + "{\"op\":\"column\",\"name\":\"big\",\"valueType\":\"int\"}]}"))
        .isEqualTo(
            convertedOf(
                dev.keel.kernel.expressions.Expressions.greaterThanOrEqual(
                    dev.keel.kernel.expressions.Literal.ofLong(7),
                    dev.keel.kernel.expressions.Expressions.column("big"))));
    assertThat(
            convert(
                "{\"op\":\"or\",\"children\":[{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"ok\",\"valueType\":\"bool\"},{\"op\":\"literal\",\"value\":\"true\",\"valueType\":\"bool\"}]},"
                    + "{\"op\":\"lessThanOrEqual\",\"children\":[{\"op\":\"column\",\"name\":\"score\",\"valueType\":\"double\"},{\"op\":\"literal\",\"value\":\"1.5\",\"valueType\":\"double\"}]},"
                    + "{\"op\":\"greaterThan\",\"children\":[{\"op\":\"column\",\"name\":\"name\",\"valueType\":\"string\"},{\"op\":\"literal\",\"value\":\"m\",\"valueType\":\"string\"}]}]}"))
        .isNotEqualTo("unused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{\"op\":\"like\",\"children\":[]}",
        "{\"op\":\"and\",\"children\":[{\"op\":\"isNull\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"}]}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"nope\",\"valueType\":\"int\"},{\"op\":\"literal\",\"value\":\"1\",\"valueType\":\"int\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"string\"},{\"op\":\"literal\",\"value\":\"1\",\"valueType\":\"string\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"},{\"op\":\"literal\",\"value\":\"x\",\"valueType\":\"int\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"long\"},{\"op\":\"literal\",\"value\":\"1\",\"valueType\":\"long\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"hireDate\",\"valueType\":\"date\"},{\"op\":\"literal\",\"value\":\"2021-02-30\",\"valueType\":\"date\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"},{\"op\":\"column\",\"name\":\"big\",\"valueType\":\"long\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"ok\",\"valueType\":\"bool\"},{\"op\":\"literal\",\"value\":\"yes\",\"valueType\":\"bool\"}]}",
        "{\"op\":\"equal\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"},{\"op\":\"literal\",\"value\":1,\"valueType\":\"int\"}]}"
      })
  void whatCannotBeConvertedExactlyIsNotUsed(String hint) {
    assertThat(convert(hint)).isEqualTo("unused");
  }

  @Test
  void deepNestingIsNotUsed() {
    String leaf =
        "{\"op\":\"isNull\",\"children\":[{\"op\":\"column\",\"name\":\"id\",\"valueType\":\"int\"}]}";
    String deep = leaf;
    for (int i = 0; i < 100; i++) {
      deep = "{\"op\":\"not\",\"children\":[" + deep + "]}";
    }
    assertThat(convert(deep)).isEqualTo("unused");
  }
}
