package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;

/** Builds evaluators for expressions over batches, with SQL null semantics. */
@Stable
public interface ExpressionHandler {

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
