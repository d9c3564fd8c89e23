package dev.keel.kernel.expressions;

import dev.keel.kernel.annotations.Stable;
import java.util.List;

/**
 * An immutable expression tree node: a {@link Column} reference, a {@link Literal}, a {@link
 * Predicate} or a {@link ScalarExpression}. Build trees with {@link Expressions}; evaluate them
 * with an engine's {@code ExpressionHandler}; inspect them with an {@link ExpressionVisitor}.
 *
 * <p>Expressions are {@link java.io.Serializable}: a distributed engine may plan with a predicate
 * on its coordinator and ship it to its workers.
 */
@Stable
public interface Expression extends java.io.Serializable {
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
