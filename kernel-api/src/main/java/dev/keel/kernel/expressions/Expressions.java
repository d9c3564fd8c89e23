package dev.keel.kernel.expressions;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.expressions.Predicate.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Factories for expression trees. Example:
 *
 * <pre>{@code
 * Predicate p = and(greaterThan(column("year"), Literal.ofInt(2020)),
 *                   startsWith(column("address", "city"), Literal.ofString("San")));
 * }</pre>
 */
@Stable
public final class Expressions {
  private Expressions() {}

  /**
   * @param names the path of names, top-level first
   * @return a column reference
   */
  public static Column column(String... names) {
    return new Column(Arrays.asList(names));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left = right}
   */
  public static Predicate equal(Expression left, Expression right) {
    return new Predicate(Kind.EQUAL, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code NOT (left = right)}
   */
  public static Predicate notEqual(Expression left, Expression right) {
    return not(equal(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left < right}
   */
  public static Predicate lessThan(Expression left, Expression right) {
    return new Predicate(Kind.LESS_THAN, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left <= right}
   */
  public static Predicate lessThanOrEqual(Expression left, Expression right) {
    return new Predicate(Kind.LESS_THAN_OR_EQUAL, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left > right}
   */
  public static Predicate greaterThan(Expression left, Expression right) {
    return new Predicate(Kind.GREATER_THAN, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left >= right}
   */
  public static Predicate greaterThanOrEqual(Expression left, Expression right) {
    return new Predicate(Kind.GREATER_THAN_OR_EQUAL, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left <=> right} (null-safe equality)
   */
  public static Predicate nullSafeEqual(Expression left, Expression right) {
    return new Predicate(Kind.NULL_SAFE_EQUAL, List.of(left, right));
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left AND right}
   */
  public static Predicate and(Expression left, Expression right) {
    return new Predicate(Kind.AND, List.of(left, right));
  }

  /**
   * @param conjuncts the operands; none gives {@link #alwaysTrue()}
   * @return the conjunction of all operands, left-deep
   */
  public static Predicate and(List<? extends Expression> conjuncts) {
    if (conjuncts.isEmpty()) {
      return alwaysTrue();
    }
    Expression result = conjuncts.get(0);
    for (int i = 1; i < conjuncts.size(); i++) {
      result = and(result, conjuncts.get(i));
    }
    return result instanceof Predicate ? (Predicate) result : and(result, alwaysTrue());
  }

  /**
   * @param left left operand
   * @param right right operand
   * @return {@code left OR right}
   */
  public static Predicate or(Expression left, Expression right) {
    return new Predicate(Kind.OR, List.of(left, right));
  }

  /**
   * @param child the operand
   * @return {@code NOT child}
   */
  public static Predicate not(Expression child) {
    return new Predicate(Kind.NOT, List.of(child));
  }

  /**
   * @param child the operand
   * @return {@code child IS NULL}
   */
  public static Predicate isNull(Expression child) {
    return new Predicate(Kind.IS_NULL, List.of(child));
  }

  /**
   * @param child the operand
   * @return {@code child IS NOT NULL}
   */
  public static Predicate isNotNull(Expression child) {
    return new Predicate(Kind.IS_NOT_NULL, List.of(child));
  }

  /**
   * @param value the tested value
   * @param list the list, at least one element
   * @return {@code value IN (list...)}
   */
  public static Predicate in(Expression value, List<? extends Expression> list) {
    List<Expression> children = new ArrayList<>(list.size() + 1);
    children.add(value);
    children.addAll(list);
    return new Predicate(Kind.IN, children);
  }

  /**
   * @param value a string expression
   * @param prefix a string expression, usually a literal
   * @return {@code STARTS_WITH(value, prefix)}
   */
  public static Predicate startsWith(Expression value, Expression prefix) {
    return new Predicate(Kind.STARTS_WITH, List.of(value, prefix));
  }

  /**
   * @return the predicate that is always true
   */
  public static Predicate alwaysTrue() {
    return new Predicate(Kind.ALWAYS_TRUE, List.of());
  }

  /**
   * @return the predicate that is always false
   */
  public static Predicate alwaysFalse() {
    return new Predicate(Kind.ALWAYS_FALSE, List.of());
  }

  /**
   * @param children the arguments; the first non-null one is the result
   * @return {@code COALESCE(children...)}
   */
  public static ScalarExpression coalesce(List<? extends Expression> children) {
    return new ScalarExpression("COALESCE", new ArrayList<>(children));
  }
}
