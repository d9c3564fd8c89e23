package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.ExpressionEvaluator;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kernel's standard {@link ExpressionHandler} ({@link ExpressionHandler#standard()}): compiles
 * an expression once per input schema and evaluates it column at a time. Results are on-heap
 * vectors or views of the input batch's vectors; they hold no off-heap memory, so closing them is
 * optional but harmless. A result that views the input is valid while the input batch is open.
 */
public final class StandardExpressionHandler implements ExpressionHandler {
  /** The shared instance; it holds no state. */
  public static final StandardExpressionHandler INSTANCE = new StandardExpressionHandler();

  private StandardExpressionHandler() {}

  @Override
  public ExpressionEvaluator getEvaluator(
      StructType inputSchema, Expression expression, DataType outputType) {
    Compiled compiled = Compiled.compile(expression, inputSchema);
    if (!compiled.type.equivalent(outputType)) {
      throw Errors.wrongResultType(expression, outputType, compiled.type);
    }
    return compiled::eval;
  }

  @Override
  public PredicateEvaluator getPredicateEvaluator(StructType inputSchema, Predicate predicate) {
    Compiled compiled = Compiled.compile(predicate, inputSchema);
    return (ColumnarBatch batch, Optional<ColumnVector> existing) -> {
      ColumnVector result = compiled.eval(batch);
      int n = batch.getSize();
      boolean[] selected = new boolean[n];
      ColumnVector prior = existing.orElse(null);
      for (int i = 0; i < n; i++) {
        selected[i] =
            !result.isNullAt(i)
                && result.getBoolean(i)
                && (prior == null || (!prior.isNullAt(i) && prior.getBoolean(i)));
      }
      return new BooleanColumnVector(selected, null, n);
    };
  }

  @Override
  public ColumnVector createSelectionVector(boolean[] values, int from, int to) {
    return new BooleanColumnVector(Arrays.copyOfRange(values, from, to), null, to - from);
  }
}
