package dev.keel.kernel.internal.expressions;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** Compiles predicates into column-at-a-time evaluators with SQL three-valued logic. */
final class PredicateCompiler {
  private PredicateCompiler() {}

  /** Computes one boolean and one null flag per row. */
  private abstract static class BoolNode extends Compiled {
    BoolNode() {
      super(BooleanType.BOOLEAN);
    }

    abstract void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls);

    @Override
    ColumnVector eval(ColumnarBatch batch) {
      int n = batch.getSize();
      boolean[] values = new boolean[n];
      boolean[] nulls = new boolean[n];
      fill(batch, values, nulls);
      return new BooleanColumnVector(values, nulls, n);
    }
  }

  static Compiled compile(Predicate p, StructType schema) {
    List<Expression> c = p.getChildren();
    switch (p.getKind()) {
      case ALWAYS_TRUE:
      case ALWAYS_FALSE:
        {
          boolean value = p.getKind() == Predicate.Kind.ALWAYS_TRUE;
          return new BoolNode() {
            @Override
            void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
              java.util.Arrays.fill(values, value);
            }
          };
        }
      case AND:
      case OR:
        return logical(
            p,
            compileBool(c.get(0), schema),
            compileBool(c.get(1), schema),
            p.getKind() == Predicate.Kind.AND);
      case NOT:
        {
          Compiled child = compileBool(c.get(0), schema);
          return new BoolNode() {
            @Override
            void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
              ColumnVector v = child.eval(batch);
              for (int i = 0; i < values.length; i++) {
                nulls[i] = v.isNullAt(i);
                values[i] = !nulls[i] && !v.getBoolean(i);
              }
            }
          };
        }
      case IS_NULL:
      case IS_NOT_NULL:
        {
          Compiled child = Compiled.compile(c.get(0), schema);
          boolean wantNull = p.getKind() == Predicate.Kind.IS_NULL;
          return new BoolNode() {
            @Override
            void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
              ColumnVector v = child.eval(batch);
              for (int i = 0; i < values.length; i++) {
                values[i] = v.isNullAt(i) == wantNull;
              }
            }
          };
        }
      case STARTS_WITH:
        return startsWith(
            p, Compiled.compile(c.get(0), schema), Compiled.compile(c.get(1), schema));
      case IN:
        return in(p, schema);
      default:
        return comparison(
            p, Compiled.compile(c.get(0), schema), Compiled.compile(c.get(1), schema));
    }
  }

  private static Compiled compileBool(Expression e, StructType schema) {
    Compiled c = Compiled.compile(e, schema);
    Compiled.requireBoolean(c, e);
    return c;
  }

  private static Compiled logical(Predicate p, Compiled left, Compiled right, boolean and) {
    return new BoolNode() {
      @Override
      void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
        ColumnVector l = left.eval(batch);
        ColumnVector r = right.eval(batch);
        for (int i = 0; i < values.length; i++) {
          boolean ln = l.isNullAt(i);
          boolean rn = r.isNullAt(i);
          boolean lv = !ln && l.getBoolean(i);
          boolean rv = !rn && r.getBoolean(i);
          if (and) {
            // false if either side is false; else null if either is null; else true
            boolean anyFalse = (!ln && !lv) || (!rn && !rv);
            values[i] = !anyFalse && !ln && !rn;
            nulls[i] = !anyFalse && (ln || rn);
          } else {
            boolean anyTrue = lv || rv;
            values[i] = anyTrue;
            nulls[i] = !anyTrue && (ln || rn);
          }
        }
      }
    };
  }

  private static Values.Domain domainOf(Predicate p, Compiled a, Compiled b) {
    Values.Domain d = Values.domain(a.type, b.type);
    if (d == null) {
      throw Errors.cannotEvaluate(p, "cannot compare " + a.type + " with " + b.type);
    }
    return d;
  }

  private static Compiled comparison(Predicate p, Compiled left, Compiled right) {
    Values.Domain d = domainOf(p, left, right);
    Predicate.Kind kind = p.getKind();
    return new BoolNode() {
      @Override
      void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
        ColumnVector l = left.eval(batch);
        ColumnVector r = right.eval(batch);
        for (int i = 0; i < values.length; i++) {
          boolean ln = l.isNullAt(i);
          boolean rn = r.isNullAt(i);
          if (ln || rn) {
            if (kind == Predicate.Kind.NULL_SAFE_EQUAL) {
              values[i] = ln && rn;
            } else {
              nulls[i] = true;
            }
            continue;
          }
          int cmp = Values.compare(d, l, i, r, i);
          switch (kind) {
            case EQUAL:
            case NULL_SAFE_EQUAL:
              values[i] = cmp == 0;
              break;
            case LESS_THAN:
              values[i] = cmp < 0;
              break;
            case LESS_THAN_OR_EQUAL:
              values[i] = cmp <= 0;
              break;
            case GREATER_THAN:
              values[i] = cmp > 0;
              break;
            case GREATER_THAN_OR_EQUAL:
              values[i] = cmp >= 0;
              break;
            default:
              throw new IllegalStateException("not a comparison: " + kind);
          }
        }
      }
    };
  }

  private static Compiled in(Predicate p, StructType schema) {
    Compiled value = Compiled.compile(p.getChildren().get(0), schema);
    List<Compiled> list = new ArrayList<>();
    List<Values.Domain> domains = new ArrayList<>();
    for (int k = 1; k < p.getChildren().size(); k++) {
      Compiled e = Compiled.compile(p.getChildren().get(k), schema);
      domains.add(domainOf(p, value, e));
      list.add(e);
    }
    return new BoolNode() {
      @Override
      void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
        ColumnVector v = value.eval(batch);
        List<ColumnVector> elements = new ArrayList<>();
        for (Compiled e : list) {
          elements.add(e.eval(batch));
        }
        for (int i = 0; i < values.length; i++) {
          if (v.isNullAt(i)) {
            nulls[i] = true;
            continue;
          }
          boolean sawNull = false;
          for (int k = 0; k < elements.size() && !values[i]; k++) {
            ColumnVector e = elements.get(k);
            if (e.isNullAt(i)) {
              sawNull = true;
            } else if (Values.compare(domains.get(k), v, i, e, i) == 0) {
              values[i] = true;
            }
          }
          nulls[i] = !values[i] && sawNull;
        }
      }
    };
  }

  private static Compiled startsWith(Predicate p, Compiled value, Compiled prefix) {
    Compiled.requireString(value, p);
    Compiled.requireString(prefix, p);
    return new BoolNode() {
      @Override
      void fill(ColumnarBatch batch, boolean[] values, boolean[] nulls) {
        ColumnVector v = value.eval(batch);
        ColumnVector pre = prefix.eval(batch);
        for (int i = 0; i < values.length; i++) {
          if (v.isNullAt(i) || pre.isNullAt(i)) {
            nulls[i] = true;
          } else {
            values[i] = v.getString(i).startsWith(pre.getString(i));
          }
        }
      }
    };
  }
}
