package dev.keel.kernel.expressions;

import static dev.keel.kernel.expressions.Expressions.and;
import static dev.keel.kernel.expressions.Expressions.column;
import static dev.keel.kernel.expressions.Expressions.equal;
import static dev.keel.kernel.expressions.Expressions.in;
import static dev.keel.kernel.expressions.Expressions.isNull;
import static dev.keel.kernel.expressions.Expressions.not;
import static dev.keel.kernel.expressions.Expressions.or;
import static dev.keel.kernel.expressions.Expressions.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.testing.JavaSerialization;
import dev.keel.kernel.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestExpressions {
  @Test
  void survivesJavaSerialization() {
    Predicate p =
        and(
            List.of(
                equal(column("a", "b"), Literal.ofBoolean(true)),
                in(
                    column("c"),
                    List.of(
                        Literal.ofByte((byte) 1),
                        Literal.ofShort((short) 2),
                        Literal.ofInt(3),
                        Literal.ofLong(4))),
                or(
                    equal(column("f"), Literal.ofFloat(1.5f)),
                    equal(column("d"), Literal.ofDouble(2.5))),
                startsWith(column("s"), Literal.ofString("ab")),
                equal(column("bin"), Literal.ofBinary(new byte[] {1, 2})),
                equal(column("day"), Literal.ofDate(LocalDate.of(2024, 1, 2))),
                equal(column("ts"), Literal.ofTimestamp(1_000_001L)),
                equal(column("ntz"), Literal.ofTimestampNtz(7L)),
                equal(column("dec"), Literal.ofDecimal(new BigDecimal("1.25"), 5, 2)),
                not(
                    isNull(
                        Expressions.coalesce(
                            List.of(column("x"), Literal.ofNull(DataTypes.STRING)))))));
    Predicate copy = JavaSerialization.roundTrip(p);
    assertThat(copy).isEqualTo(p);
    assertThat(copy.toString()).isEqualTo(p.toString());
  }

  @Test
  void rendersSqlLikeText() {
    Predicate p =
        and(
            or(equal(column("a", "b c"), Literal.ofInt(1)), isNull(column("d"))),
            not(
                in(
                    column("e"),
                    List.of(Literal.ofString("x'y"), Literal.ofNull(DataTypes.STRING)))));
    assertThat(p.toString())
        .isEqualTo("(((a.`b c` = 1) OR (d IS NULL)) AND (NOT (e IN ('x''y', NULL))))");
    assertThat(startsWith(column("s"), Literal.ofString("ab")).toString())
        .isEqualTo("STARTS_WITH(s, 'ab')");
    assertThat(Literal.ofDate(LocalDate.of(2024, 1, 2)).toString()).isEqualTo("DATE '2024-01-02'");
    assertThat(Literal.ofTimestamp(1_000_001L).toString())
        .isEqualTo("TIMESTAMP '1970-01-01T00:00:01.000001'");
    assertThat(Literal.ofBinary(new byte[] {1, (byte) 0xab}).toString()).isEqualTo("X'01AB'");
  }

  @Test
  void valuesAreComparedStructurally() {
    assertThat(equal(column("a"), Literal.ofLong(1)))
        .isEqualTo(equal(column("a"), Literal.ofLong(1)));
    assertThat(Literal.ofBinary(new byte[] {1})).isEqualTo(Literal.ofBinary(new byte[] {1}));
    assertThat(Literal.ofInt(1)).isNotEqualTo(Literal.ofLong(1));
  }

  @Test
  void decimalLiteralsTakeTheTypeScale() {
    Literal d = Literal.ofDecimal(new BigDecimal("1.5"), 5, 2);
    assertThat(d.getValue()).contains(new BigDecimal("1.50"));
    assertThatThrownBy(() -> Literal.ofDecimal(new BigDecimal("1.234"), 5, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1.234 does not fit decimal(5,2) without rounding");
    assertThatThrownBy(() -> Literal.ofDecimal(new BigDecimal("12345"), 5, 2))
        .hasMessage("12345 does not fit decimal(5,2)");
  }

  @Test
  void checksArity() {
    assertThatThrownBy(() -> new Predicate(Predicate.Kind.NOT, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NOT takes 1 operand(s), got 0");
    assertThatThrownBy(() -> in(column("a"), List.of()))
        .hasMessage("IN takes a value and at least one list element");
  }

  @Test
  void visitorDispatchesByNodeKind() {
    Expression e =
        and(equal(column("a"), Literal.ofInt(1)), Expressions.coalesce(List.of(column("b"))));
    List<String> seen = new ArrayList<>();
    e.accept(
        new ExpressionVisitor<Void>() {
          @Override
          public Void visitColumn(Column column) {
            seen.add("col " + column);
            return null;
          }

          @Override
          public Void visitLiteral(Literal literal) {
            seen.add("lit " + literal);
            return null;
          }

          @Override
          public Void visitPredicate(Predicate predicate) {
            seen.add("pred " + predicate.getKind());
            predicate.getChildren().forEach(c -> c.accept(this));
            return null;
          }

          @Override
          public Void visitScalar(ScalarExpression expression) {
            seen.add("fn " + expression.getName());
            expression.getChildren().forEach(c -> c.accept(this));
            return null;
          }
        });
    assertThat(seen)
        .containsExactly("pred AND", "pred EQUAL", "col a", "lit 1", "fn COALESCE", "col b");
  }
}
