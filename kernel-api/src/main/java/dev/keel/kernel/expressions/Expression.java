package dev.keel.kernel.expressions;

import dev.keel.kernel.annotations.Stable;
import java.util.List;

/**
 * An immutable expression tree node: a {@link Column} reference, a {@link Literal}, a {@link
 * Predicate} or a {@link ScalarExpression}. Build trees with {@link Expressions}; evaluate them
 * with an engine's {@code ExpressionHandler}; inspect them with an {@link ExpressionVisitor}.
 */
@Stable
public interface Expression {
  /**
   * @return the direct children, in order; empty for leaves
   */
  List<Expression> getChildren();

  /**
   * Dispatches to the visitor method of this node's kind.
   *
   * @param visitor the visitor
   * @param <R> the visitor's result type
   * @return what the visitor returns
   */
  <R> R accept(ExpressionVisitor<R> visitor);
}
