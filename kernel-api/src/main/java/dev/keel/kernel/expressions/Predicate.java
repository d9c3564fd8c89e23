package dev.keel.kernel.expressions;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import java.util.List;

/**
 * A boolean-valued expression of one {@link Kind}. Evaluation follows SQL three-valued logic: a
 * comparison with a null operand is null (unknown); {@code AND} is false if either side is false,
 * else null if either is null; {@code OR} is true if either side is true, else null if either is
 * null; {@code NOT null} is null; {@code IS NULL} / {@code IS NOT NULL} and {@code <=>} (null-safe
 * equal) are never null; {@code x IN (list)} is true if x equals an element, else null if x or any
 * element is null, else false. A filter keeps a row only when its predicate is true.
 */
@Stable
public final class Predicate implements Expression {
  private static final long serialVersionUID = 1L;

  /** The kinds of predicate and their arities. */
  public enum Kind {
    /** {@code a = b}. */
    EQUAL("=", 2),
    /** {@code a < b}. */
    LESS_THAN("<", 2),
    /** {@code a <= b}. */
    LESS_THAN_OR_EQUAL("<=", 2),
    /** {@code a > b}. */
    GREATER_THAN(">", 2),
    /** {@code a >= b}. */
    GREATER_THAN_OR_EQUAL(">=", 2),
    /** {@code a <=> b}: equal, with null equal to null; never null. */
    NULL_SAFE_EQUAL("<=>", 2),
    /** {@code a AND b}. */
    AND("AND", 2),
    /** {@code a OR b}. */
    OR("OR", 2),
    /** {@code NOT a}. */
    NOT("NOT", 1),
    /** {@code a IS NULL}. */
    IS_NULL("IS NULL", 1),
    /** {@code a IS NOT NULL}. */
    IS_NOT_NULL("IS NOT NULL", 1),
    /** {@code a IN (b, c, ...)}: the first child is the value, the rest the list. */
    IN("IN", -1),
    /** {@code STARTS_WITH(a, prefix)} on strings. */
    STARTS_WITH("STARTS_WITH", 2),
    /** Always true. */
    ALWAYS_TRUE("TRUE", 0),
    /** Always false. */
    ALWAYS_FALSE("FALSE", 0);

    private final String symbol;
    private final int arity;

    Kind(String symbol, int arity) {
      this.symbol = symbol;
      this.arity = arity;
    }

    /**
     * @return the SQL symbol or keyword
     */
    public String getSymbol() {
      return symbol;
    }

    /**
     * @return whether this is one of the six binary comparisons
     */
    public boolean isComparison() {
      return ordinal() <= NULL_SAFE_EQUAL.ordinal();
    }
  }

  private final Kind kind;
  private final List<Expression> children;

  /**
   * Creates a predicate; prefer the factories of {@link Expressions}.
   *
   * @param kind the kind
   * @param children the operands, as many as the kind takes ({@code IN}: the value and at least one
   *     list element)
   * @throws IllegalArgumentException if the number of children does not fit the kind
   */
  public Predicate(Kind kind, List<Expression> children) {
    this.kind = requireNonNull(kind, "kind is null");
    this.children = List.copyOf(requireNonNull(children, "children is null"));
    if (kind.arity >= 0 && this.children.size() != kind.arity) {
      throw new IllegalArgumentException(
          kind + " takes " + kind.arity + " operand(s), got " + this.children.size());
    }
    if (kind == Kind.IN && this.children.size() < 2) {
      throw new IllegalArgumentException("IN takes a value and at least one list element");
    }
  }

  /**
   * @return the kind
   */
  public Kind getKind() {
    return kind;
  }

  @Override
  public List<Expression> getChildren() {
    return children;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitPredicate(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Predicate
        && ((Predicate) o).kind == kind
        && ((Predicate) o).children.equals(children);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + children.hashCode();
  }

  /**
   * @return SQL-like text, fully parenthesized
   */
  @Override
  public String toString() {
    switch (kind) {
      case ALWAYS_TRUE:
      case ALWAYS_FALSE:
        return kind.symbol;
      case NOT:
        return "(NOT " + children.get(0) + ")";
      case IS_NULL:
      case IS_NOT_NULL:
        return "(" + children.get(0) + " " + kind.symbol + ")";
      case STARTS_WITH:
        return "STARTS_WITH(" + children.get(0) + ", " + children.get(1) + ")";
      case IN:
        {
          StringBuilder sb = new StringBuilder("(").append(children.get(0)).append(" IN (");
          for (int i = 1; i < children.size(); i++) {
            if (i > 1) {
              sb.append(", ");
            }
            sb.append(children.get(i));
          }
          return sb.append("))").toString();
        }
      default:
        return "(" + children.get(0) + " " + kind.symbol + " " + children.get(1) + ")";
    }
  }
}
