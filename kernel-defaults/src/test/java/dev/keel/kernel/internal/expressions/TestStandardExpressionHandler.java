package dev.keel.kernel.internal.expressions;

import static dev.keel.kernel.expressions.Expressions.and;
import static dev.keel.kernel.expressions.Expressions.column;
import static dev.keel.kernel.expressions.Expressions.equal;
import static dev.keel.kernel.expressions.Expressions.greaterThan;
import static dev.keel.kernel.expressions.Expressions.in;
import static dev.keel.kernel.expressions.Expressions.isNotNull;
import static dev.keel.kernel.expressions.Expressions.isNull;
import static dev.keel.kernel.expressions.Expressions.lessThan;
import static dev.keel.kernel.expressions.Expressions.lessThanOrEqual;
import static dev.keel.kernel.expressions.Expressions.not;
import static dev.keel.kernel.expressions.Expressions.nullSafeEqual;
import static dev.keel.kernel.expressions.Expressions.or;
import static dev.keel.kernel.expressions.Expressions.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.ExpressionEvaluator;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestStandardExpressionHandler {
  private static final StructType SCHEMA =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"a\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"b\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dec\",\"type\":\"decimal(5,2)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}"
              + "]}");

  // The nine combinations of a and b in {true, false, null}, plus numbers, strings and a struct.
  private static final String[] ROWS = {
    "{\"a\":true,\"b\":true,\"i\":1,\"d\":1.0,\"dec\":1.50,\"s\":\"apple\",\"st\":{\"x\":1}}",
    "{\"a\":true,\"b\":false,\"i\":2,\"d\":\"NaN\",\"dec\":2.00,\"s\":\"banana\",\"st\":{}}",
    "{\"a\":true,\"i\":3,\"d\":-0.0,\"s\":\"\\uD83D\\uDE00\",\"st\":null}",
    "{\"a\":false,\"b\":true,\"i\":null,\"d\":0.0,\"s\":\"ap\"}",
    "{\"a\":false,\"b\":false,\"d\":\"Infinity\",\"s\":\"\\uFFFD\"}",
    "{\"a\":false}",
    "{\"b\":true}",
    "{\"b\":false}",
    "{}"
  };

  @TempDir Path dir;
  private DefaultEngine engine;
  private ColumnarBatch batch;

  @BeforeEach
  void open() {
    engine = DefaultEngine.create();
    batch = TestBatches.fromJson(engine, SCHEMA, dir, ROWS);
  }

  @AfterEach
  void close() {
    batch.close();
    engine.close();
  }

  /** Evaluates to one of "T", "F", "N" per row. */
  private List<String> eval(Expression e) {
    ExpressionEvaluator ev =
        engine.getExpressionHandler().getEvaluator(SCHEMA, e, DataTypes.BOOLEAN);
    List<String> out = new ArrayList<>();
    try (ColumnVector v = ev.eval(batch)) {
      for (int r = 0; r < v.getSize(); r++) {
        out.add(v.isNullAt(r) ? "N" : v.getBoolean(r) ? "T" : "F");
      }
    }
    return out;
  }

  @Test
  void andOrNotFollowThreeValuedLogic() {
    //                                   TT   TF   TN   FT   FF   FN   NT   NF   NN
    assertThat(eval(and(column("a"), column("b"))))
        .containsExactly("T", "F", "N", "F", "F", "F", "N", "F", "N");
    assertThat(eval(or(column("a"), column("b"))))
        .containsExactly("T", "T", "T", "T", "F", "N", "T", "N", "N");
    assertThat(eval(not(column("a")))).containsExactly("F", "F", "F", "T", "T", "T", "N", "N", "N");
    assertThat(eval(isNull(column("b"))))
        .containsExactly("F", "F", "T", "F", "F", "T", "F", "F", "T");
    assertThat(eval(isNotNull(column("b"))))
        .containsExactly("T", "T", "F", "T", "T", "F", "T", "T", "F");
  }

  @Test
  void comparisonsPromoteTypesAndAreNullWhenAnOperandIsNull() {
    assertThat(eval(greaterThan(column("i"), Literal.ofLong(1))))
        .containsExactly("F", "T", "T", "N", "N", "N", "N", "N", "N");
    assertThat(eval(equal(column("dec"), Literal.ofDecimal(new BigDecimal("1.5"), 3, 1))))
        .containsExactly("T", "F", "N", "N", "N", "N", "N", "N", "N");
    assertThat(eval(lessThan(Literal.ofInt(1), column("dec"))))
        .containsExactly("T", "T", "N", "N", "N", "N", "N", "N", "N");
    assertThat(eval(nullSafeEqual(column("i"), Literal.ofNull(DataTypes.INTEGER))))
        .containsExactly("F", "F", "F", "T", "T", "T", "T", "T", "T");
  }

  @Test
  void doublesOrderNaNAboveEverythingAndEqualZeros() {
    // d: 1.0, NaN, -0.0, 0.0, +Inf, null...
    assertThat(eval(greaterThan(column("d"), Literal.ofDouble(Double.POSITIVE_INFINITY))))
        .containsExactly("F", "T", "F", "F", "F", "N", "N", "N", "N");
    assertThat(eval(equal(column("d"), Literal.ofDouble(0.0))))
        .containsExactly("F", "F", "T", "T", "F", "N", "N", "N", "N");
    assertThat(eval(equal(column("d"), Literal.ofDouble(Double.NaN))))
        .containsExactly("F", "T", "F", "F", "F", "N", "N", "N", "N");
  }

  @Test
  void stringsCompareByCodePoint() {
    // U+1F600 (a surrogate pair in UTF-16) sorts above U+FFFD by code point, below it by UTF-16
    // unit.
    assertThat(eval(greaterThan(column("s"), Literal.ofString("\uFFFD"))))
        .containsExactly("F", "F", "T", "F", "F", "N", "N", "N", "N");
    assertThat(eval(startsWith(column("s"), Literal.ofString("ap"))))
        .containsExactly("T", "F", "F", "T", "F", "N", "N", "N", "N");
    assertThat(eval(lessThanOrEqual(column("s"), Literal.ofString("apple"))))
        .containsExactly("T", "F", "F", "T", "F", "N", "N", "N", "N");
  }

  @Test
  void inIsNullWhenNoMatchAndAnElementIsNull() {
    assertThat(eval(in(column("i"), List.of(Literal.ofInt(1), Literal.ofInt(3)))))
        .containsExactly("T", "F", "T", "N", "N", "N", "N", "N", "N");
    assertThat(eval(in(column("i"), List.of(Literal.ofInt(1), Literal.ofNull(DataTypes.INTEGER)))))
        .containsExactly("T", "N", "N", "N", "N", "N", "N", "N", "N");
  }

  @Test
  void nestedColumnsAreNullWhenTheirStructIsNull() {
    assertThat(eval(isNull(column("st", "x"))))
        .containsExactly("F", "T", "T", "T", "T", "T", "T", "T", "T");
    assertThat(eval(equal(column("st", "x"), Literal.ofLong(1))))
        .containsExactly("T", "N", "N", "N", "N", "N", "N", "N", "N");
  }

  @Test
  void coalescePicksTheFirstNonNull() {
    ExpressionEvaluator ev =
        engine
            .getExpressionHandler()
            .getEvaluator(
                SCHEMA,
                Expressions.coalesce(List.of(column("b"), column("a"), Literal.ofBoolean(false))),
                DataTypes.BOOLEAN);
    ColumnVector v = ev.eval(batch);
    List<Boolean> out = new ArrayList<>();
    for (int r = 0; r < v.getSize(); r++) {
      out.add(v.getBoolean(r));
    }
    assertThat(out).containsExactly(true, false, true, true, false, false, true, false, false);
  }

  @Test
  void predicateEvaluatorCombinesWithAnExistingSelectionAndNeverReturnsNull() {
    PredicateEvaluator pe =
        engine
            .getExpressionHandler()
            .getPredicateEvaluator(SCHEMA, equal(column("a"), Literal.ofBoolean(true)));
    boolean[] prior = {false, true, true, true, true, true, true, true, true};
    ColumnVector sel =
        pe.eval(
            batch, Optional.of(engine.getExpressionHandler().createSelectionVector(prior, 0, 9)));
    List<Boolean> out = new ArrayList<>();
    for (int r = 0; r < sel.getSize(); r++) {
      assertThat(sel.isNullAt(r)).isFalse();
      out.add(sel.getBoolean(r));
    }
    assertThat(out).containsExactly(false, true, true, false, false, false, false, false, false);
  }

  @Test
  void rejectsUnknownColumnsMismatchedTypesAndUnknownFunctions() {
    assertThatThrownBy(() -> eval(equal(column("nope"), Literal.ofInt(1))))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot evaluate column `nope`: no such column in "
                + SCHEMA
                + ". Column names are matched exactly, nested fields with a path of names.");
    assertThatThrownBy(() -> eval(equal(column("s"), Literal.ofInt(1))))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage("Cannot evaluate `(s = 1)`: cannot compare string with integer.");
    assertThatThrownBy(() -> eval(and(column("i"), column("a"))))
        .hasMessage("Cannot evaluate `i`: expected a boolean operand but it has type integer.");
    assertThatThrownBy(
            () ->
                engine
                    .getExpressionHandler()
                    .getEvaluator(
                        SCHEMA,
                        new dev.keel.kernel.expressions.ScalarExpression(
                            "UPPER", List.of(column("s"))),
                        DataTypes.STRING))
        .hasMessage(
            "Cannot evaluate `UPPER(s)`: the default engine does not know the function `UPPER`. "
                + "Supported: COALESCE and the predicates of Predicate.Kind.");
    assertThatThrownBy(
            () -> engine.getExpressionHandler().getEvaluator(SCHEMA, column("i"), DataTypes.LONG))
        .hasMessage("Cannot evaluate `i` as long: it has type integer.");
  }
}
