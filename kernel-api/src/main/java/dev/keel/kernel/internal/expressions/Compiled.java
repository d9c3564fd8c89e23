package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.ExpressionVisitor;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.expressions.ScalarExpression;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.data.ConstantColumnVector;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression compiled against an input schema: column references resolved to ordinal paths,
 * operand types checked, comparison domains chosen once. {@link #eval} evaluates a whole batch
 * column at a time; results are views or on-heap vectors that need no closing.
 */
abstract class Compiled {
  final DataType type;

  Compiled(DataType type) {
    this.type = type;
  }

  abstract ColumnVector eval(ColumnarBatch batch);

  static Compiled compile(Expression e, StructType schema) {
    return e.accept(
        new ExpressionVisitor<Compiled>() {
          @Override
          public Compiled visitColumn(Column column) {
            return columnRef(column, schema);
          }

          @Override
          public Compiled visitLiteral(Literal literal) {
            return new Compiled(literal.getDataType()) {
              @Override
              ColumnVector eval(ColumnarBatch batch) {
                return new ConstantColumnVector(literal, batch.getSize());
              }
            };
          }

          @Override
          public Compiled visitPredicate(Predicate predicate) {
            return PredicateCompiler.compile(predicate, schema);
          }

          @Override
          public Compiled visitScalar(ScalarExpression expression) {
            if ("COALESCE".equalsIgnoreCase(expression.getName())
                && !expression.getChildren().isEmpty()) {
              return coalesce(expression, schema);
            }
            throw Errors.cannotEvaluate(
                expression,
                "the default engine does not know the function `"
                    + expression.getName()
                    + "`. Supported: COALESCE and the predicates of Predicate.Kind");
          }
        });
  }

  private static Compiled columnRef(Column column, StructType schema) {
    List<String> names = column.getNames();
    int[] path = new int[names.size()];
    DataType t = schema;
    for (int k = 0; k < names.size(); k++) {
      int idx = t instanceof StructType ? ((StructType) t).indexOf(names.get(k)) : -1;
      if (idx < 0) {
        throw Errors.unknownColumn(column, schema);
      }
      path[k] = idx;
      t = ((StructType) t).at(idx).getDataType();
    }
    return new Compiled(t) {
      @Override
      ColumnVector eval(ColumnarBatch batch) {
        ColumnVector v = batch.getColumnVector(path[0]);
        if (path.length == 1) {
          return v;
        }
        List<ColumnVector> parents = new ArrayList<>();
        for (int k = 1; k < path.length; k++) {
          parents.add(v);
          v = v.getChild(path[k]);
        }
        return parents.isEmpty() ? v : new NestedFieldVector(v, parents);
      }
    };
  }

  private static Compiled coalesce(ScalarExpression e, StructType schema) {
    List<Compiled> args = new ArrayList<>();
    for (Expression c : e.getChildren()) {
      args.add(compile(c, schema));
    }
    DataType t = args.get(0).type;
    for (Compiled a : args) {
      if (!a.type.equivalent(t)) {
        throw Errors.cannotEvaluate(
            e, "COALESCE needs arguments of one type, got " + t + " and " + a.type);
      }
    }
    return new Compiled(t) {
      @Override
      ColumnVector eval(ColumnarBatch batch) {
        List<ColumnVector> vs = new ArrayList<>();
        for (Compiled a : args) {
          vs.add(a.eval(batch));
        }
        int n = batch.getSize();
        int[] source = new int[n];
        for (int row = 0; row < n; row++) {
          source[row] = -1;
          for (int k = 0; k < vs.size(); k++) {
            if (!vs.get(k).isNullAt(row)) {
              source[row] = k;
              break;
            }
          }
        }
        return new PickColumnVector(t, vs, source);
      }
    };
  }

  static void requireBoolean(Compiled c, Expression e) {
    if (!(c.type instanceof BooleanType)) {
      throw Errors.cannotEvaluate(e, "expected a boolean operand but it has type " + c.type);
    }
  }

  static void requireString(Compiled c, Expression e) {
    if (!(c.type instanceof StringType)) {
      throw Errors.cannotEvaluate(e, "STARTS_WITH needs string operands but got " + c.type);
    }
  }
}
