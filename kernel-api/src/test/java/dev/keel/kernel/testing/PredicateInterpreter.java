package dev.keel.kernel.testing;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluates an expression on one row of a batch, the slow and obvious way, with SQL's three-valued
 * logic (null for unknown). Columns, literals and every {@link Predicate.Kind}; anything else is
 * refused with {@link UnsupportedOperationException} naming it.
 */
final class PredicateInterpreter {
  private PredicateInterpreter() {}

  static Object eval(Expression e, ColumnarBatch batch, int row) {
    if (e instanceof Literal) {
      return ((Literal) e).getValue().orElse(null);
    }
    if (e instanceof Column) {
      return column((Column) e, batch, row);
    }
    if (!(e instanceof Predicate)) {
      throw new UnsupportedOperationException("The in-memory engine does not evaluate " + e);
    }
    Predicate p = (Predicate) e;
    List<Expression> c = p.getChildren();
    switch (p.getKind()) {
      case ALWAYS_TRUE:
        return true;
      case ALWAYS_FALSE:
        return false;
      case AND:
        {
          Object l = eval(c.get(0), batch, row);
          Object r = eval(c.get(1), batch, row);
          if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
            return false;
          }
          return l == null || r == null ? null : true;
        }
      case OR:
        {
          Object l = eval(c.get(0), batch, row);
          Object r = eval(c.get(1), batch, row);
          if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
            return true;
          }
          return l == null || r == null ? null : false;
        }
      case NOT:
        {
          Object v = eval(c.get(0), batch, row);
          return v == null ? null : !(Boolean) v;
        }
      case IS_NULL:
        return eval(c.get(0), batch, row) == null;
      case IS_NOT_NULL:
        return eval(c.get(0), batch, row) != null;
      case NULL_SAFE_EQUAL:
        {
          Object l = eval(c.get(0), batch, row);
          Object r = eval(c.get(1), batch, row);
          return l == null || r == null ? l == r : compare(l, r) == 0;
        }
      case IN:
        {
          Object v = eval(c.get(0), batch, row);
          boolean sawNull = v == null;
          for (int i = 1; i < c.size() && v != null; i++) {
            Object x = eval(c.get(i), batch, row);
            if (x == null) {
              sawNull = true;
            } else if (compare(v, x) == 0) {
              return true;
            }
          }
          return sawNull ? null : false;
        }
      case STARTS_WITH:
        {
          Object v = eval(c.get(0), batch, row);
          Object prefix = eval(c.get(1), batch, row);
          return v == null || prefix == null ? null : v.toString().startsWith(prefix.toString());
        }
      default:
        {
          Object l = eval(c.get(0), batch, row);
          Object r = eval(c.get(1), batch, row);
          if (l == null || r == null) {
            return null;
          }
          int cmp = compare(l, r);
          switch (p.getKind()) {
            case EQUAL:
              return cmp == 0;
            case LESS_THAN:
              return cmp < 0;
            case LESS_THAN_OR_EQUAL:
              return cmp <= 0;
            case GREATER_THAN:
              return cmp > 0;
            default:
              return cmp >= 0;
          }
        }
    }
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object l, Object r) {
    if (l instanceof Number && r instanceof Number) {
      return new BigDecimal(l.toString()).compareTo(new BigDecimal(r.toString()));
    }
    if (l instanceof byte[] || r instanceof byte[]) {
      return java.util.Arrays.compareUnsigned((byte[]) l, (byte[]) r);
    }
    return ((Comparable<Object>) l).compareTo(r);
  }

  /** A column's value at a row, through nested structs, in the kernel's representation. */
  private static Object column(Column col, ColumnarBatch batch, int row) {
    List<String> names = col.getNames();
    int i = batch.getSchema().indexOf(names.get(0));
    if (i < 0) {
      throw new UnsupportedOperationException(
          "Column " + col + " is not in " + batch.getSchema().fieldNames());
    }
    ColumnVector v = batch.getColumnVector(i);
    DataType t = batch.getSchema().at(i).getDataType();
    for (String name : names.subList(1, names.size())) {
      if (v.isNullAt(row)) {
        return null;
      }
      StructType s = (StructType) t;
      int j = s.indexOf(name);
      if (j < 0) {
        return null;
      }
      v = v.getChild(j);
      t = s.at(j).getDataType();
    }
    if (v.isNullAt(row)) {
      return null;
    }
    if (t instanceof StringType) {
      return v.getString(row);
    } else if (t instanceof BooleanType) {
      return v.getBoolean(row);
    } else if (t instanceof DoubleType || t instanceof FloatType) {
      return v.getDouble(row);
    } else if (t instanceof DecimalType) {
      return v.getDecimal(row);
    } else if (t instanceof dev.keel.kernel.types.BinaryType) {
      return v.getBinary(row);
    } else if (t instanceof dev.keel.kernel.types.IntegerType
        || t instanceof dev.keel.kernel.types.DateType) {
      return v.getInt(row);
    }
    return v.getLong(row);
  }
}
