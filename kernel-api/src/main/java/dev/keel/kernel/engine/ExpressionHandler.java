package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.expressions.StandardExpressionHandler;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;

/** Builds evaluators for expressions over batches, with SQL null semantics. */
@Stable
public interface ExpressionHandler {

  /**
   * The kernel's own expression handler, which an engine may use as its {@code
   * getExpressionHandler()} when it has no evaluator of its own. It works over any {@link
   * ColumnVector} through the public vector API, compiles an expression once per call and evaluates
   * it column at a time with SQL null semantics. Its results are on-heap vectors or views of the
   * input batch's vectors (valid while the input batch is open); they hold no off-heap memory.
   *
   * @return a shared, thread-safe instance
   */
  static ExpressionHandler standard() {
    return StandardExpressionHandler.INSTANCE;
  }

  /**
   * @param inputSchema the schema of the batches to evaluate on
   * @param expression the expression
   * @param outputType the type of the result
   * @return an evaluator; the caller closes it
   * @throws InvalidExpressionException if the expression does not fit the schema or type
   */
  ExpressionEvaluator getEvaluator(
      StructType inputSchema, Expression expression, DataType outputType);

  /**
   * @param inputSchema the schema of the batches to evaluate on
   * @param predicate the predicate
   * @return an evaluator; the caller closes it
   * @throws InvalidExpressionException if the predicate does not fit the schema
   */
  PredicateEvaluator getPredicateEvaluator(StructType inputSchema, Predicate predicate);

  /**
   * Creates a boolean vector from {@code values[from..to)}, for use as a selection vector.
   *
   * @param values the values
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return the vector; the caller closes it
   */
  ColumnVector createSelectionVector(boolean[] values, int from, int to);
}
