package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.types.StructType;
import org.junit.jupiter.api.Test;

class TestPredicateParser {
  private static final StructType SCHEMA =
      TypeParser.parseSchema(
          "id BIGINT, name STRING, day DATE, ts TIMESTAMP, price DECIMAL(10,2), `odd col` INT, s STRUCT<city: STRING, zip: INT>");

  private static String parse(String text) {
    return PredicateParser.parse(text, SCHEMA).toString();
  }

  @Test
  void parsesTheLanguage() {
    assertThat(parse("id >= 10 AND (name = 'a''b' OR name IS NULL)"))
        .isEqualTo("((id >= 10) AND ((name = 'a''b') OR (name IS NULL)))");
    assertThat(parse("NOT id IN (1, 2, -3)")).isEqualTo("(NOT (id IN (1, 2, -3)))");
    assertThat(parse("id NOT IN (1)")).isEqualTo("(NOT (id IN (1)))");
    assertThat(parse("name LIKE 'San%'")).isEqualTo("STARTS_WITH(name, 'San')");
    assertThat(parse("day = '2024-02-29' AND ts < TIMESTAMP '2024-01-01 10:00:00'"))
        .isEqualTo("((day = DATE '2024-02-29') AND (ts < TIMESTAMP '2024-01-01T10:00'))");
    assertThat(parse("price <> 1.50 AND `odd col` IS NOT NULL AND s.city != 'x'"))
        .isEqualTo("(((NOT (price = 1.50)) AND (`odd col` IS NOT NULL)) AND (NOT (s.city = 'x')))");
    assertThat(parse("day >= DATE '2024-01-01'")).isEqualTo("(day >= DATE '2024-01-01')");
  }

  @Test
  void errorsPointAtThePosition() {
    assertThatThrownBy(() -> parse("id >"))
        .isInstanceOf(UsageError.class)
        .hasMessage(
            "Invalid predicate at position 5: expected a column, a literal or '(', found end of input.");
    assertThatThrownBy(() -> parse("id = 1 name = 'x'"))
        .hasMessage(
            "Invalid predicate at position 8: expected AND, OR or the end of the predicate, found 'name'.");
    assertThatThrownBy(() -> parse("nope = 1"))
        .hasMessage(
            "Invalid predicate at position 1: no column nope. Columns: [id, name, day, ts, price, odd col, s].");
    assertThatThrownBy(() -> parse("name = 'x"))
        .hasMessage("Invalid predicate at position 8: unterminated string starting at 8.");
    assertThatThrownBy(() -> parse("name LIKE '%x'"))
        .hasMessage(
            "Invalid predicate at position 11: LIKE takes a prefix pattern 'text%' (one % at the end, no _), found '%x'.");
    assertThatThrownBy(() -> parse("day = 'yesterday'"))
        .hasMessage("Invalid predicate at position 7: 'yesterday' is not a date (yyyy-MM-dd).");
    assertThatThrownBy(() -> parse("id"))
        .hasMessage(
            "Invalid predicate: `id` is a value, not a condition (compare it with something).");
  }

  @Test
  void parsesSqlStyleSchemas() {
    assertThat(SCHEMA.toString())
        .isEqualTo(
            "struct<id:long,name:string,day:date,ts:timestamp,price:decimal(10,2),odd col:integer,"
                + "s:struct<city:string,zip:integer>>");
    assertThat(TypeParser.parseSchema("a MAP<STRING, ARRAY<INT>> NOT NULL").at(0).isNullable())
        .isFalse();
    assertThatThrownBy(() -> TypeParser.parseSchema("a TEXT"))
        .isInstanceOf(UsageError.class)
        .hasMessageStartingWith(
            "Invalid schema at position 3: unknown type 'TEXT'. Types: BOOLEAN,");
    assertThatThrownBy(() -> TypeParser.parseSchema("a INT,"))
        .hasMessage("Invalid schema at position 7: expected a column name, found end of input.");
    assertThatThrownBy(() -> TypeParser.parseSchema("a DECIMAL(40,2)"))
        .hasMessage(
            "Invalid schema at position 3: Invalid decimal type decimal(40,2): precision must be 1 to 38 and scale 0 to the precision.");
  }

  @Test
  void nestingIsBounded() {
    assertThat(parse("(".repeat(100) + "id = 1" + ")".repeat(100))).isEqualTo("(id = 1)");
    assertThatThrownBy(() -> parse("(".repeat(101) + "id = 1" + ")".repeat(101)))
        .isInstanceOf(UsageError.class)
        .hasMessage(
            "Invalid predicate at position 101: at most 100 levels of parentheses and NOT, found"
                + " '('.");
    assertThatThrownBy(() -> parse("NOT ".repeat(100_000) + "id = 1"))
        .isInstanceOf(UsageError.class)
        .hasMessage(
            "Invalid predicate at position 401: at most 100 levels of parentheses and NOT, found"
                + " 'NOT'.");
  }
}
