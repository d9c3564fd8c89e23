package dev.keel.kernel.expressions;

import dev.keel.kernel.annotations.Stable;

/**
 * Visits the nodes of an expression tree; {@link Expression#accept} calls the method of the node's
 * kind. Visitors recurse into children themselves. For predicates, switch on {@link
 * Predicate#getKind()}.
 *
 * @param <R> the result type
 */
@Stable
public interface ExpressionVisitor<R> {
  /**
   * @param column the column reference
   * @return the result
   */
  R visitColumn(Column column);

  /**
   * @param literal the literal
   * @return the result
   */
  R visitLiteral(Literal literal);

  /**
   * @param predicate the predicate
   * @return the result
   */
  R visitPredicate(Predicate predicate);

  /**
   * @param expression the scalar function call
   * @return the result
   */
  R visitScalar(ScalarExpression expression);
}
