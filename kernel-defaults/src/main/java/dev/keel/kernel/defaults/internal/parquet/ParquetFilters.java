package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Translates a Keel predicate into a Parquet {@link FilterPredicate} used only to skip whole row
 * groups by their footer statistics. The translation is conservative: a part that cannot be
 * expressed is dropped from an AND, makes an OR or a NOT untranslatable, and floating-point columns
 * are never used (Parquet statistics leave NaN out, while Delta orders NaN above all numbers).
 * Comparisons only use non-null literals of int, long, boolean, string and date type against
 * columns of the matching physical type.
 */
final class ParquetFilters {
  private ParquetFilters() {}

  static Optional<FilterPredicate> convert(Predicate predicate, MessageType fileSchema) {
    return Optional.ofNullable(convert(predicate, fileSchema, false));
  }

  /**
   * @param exact whether the result must be equivalent (under NOT), not just implied
   */
  private static FilterPredicate convert(Predicate p, MessageType schema, boolean exact) {
    List<Expression> c = p.getChildren();
    switch (p.getKind()) {
      case AND:
        {
          FilterPredicate l = asPredicate(c.get(0), schema, exact);
          FilterPredicate r = asPredicate(c.get(1), schema, exact);
          if (l != null && r != null) {
            return FilterApi.and(l, r);
          }
          return exact ? null : (l != null ? l : r);
        }
      case OR:
        {
          FilterPredicate l = asPredicate(c.get(0), schema, exact);
          FilterPredicate r = asPredicate(c.get(1), schema, exact);
          return l != null && r != null ? FilterApi.or(l, r) : null;
        }
      case NOT:
        {
          FilterPredicate inner = asPredicate(c.get(0), schema, true);
          return inner == null ? null : FilterApi.not(inner);
        }
      case IS_NULL:
      case IS_NOT_NULL:
        return nullCheck(c.get(0), schema, p.getKind() == Predicate.Kind.IS_NULL);
      case EQUAL:
      case NULL_SAFE_EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(p.getKind(), c.get(0), c.get(1), schema);
      case IN:
        return in(c, schema);
      default:
        return null;
    }
  }

  private static FilterPredicate asPredicate(Expression e, MessageType schema, boolean exact) {
    return e instanceof Predicate ? convert((Predicate) e, schema, exact) : null;
  }

  /** A leaf column reachable through non-repeated groups, or null. */
  private static org.apache.parquet.schema.PrimitiveType leaf(Column column, MessageType schema) {
    GroupType g = schema;
    List<String> names = column.getNames();
    for (int i = 0; i < names.size(); i++) {
      if (!g.containsField(names.get(i))) {
        return null;
      }
      Type t = g.getType(names.get(i));
      if (t.isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      if (i == names.size() - 1) {
        return t.isPrimitive() ? t.asPrimitiveType() : null;
      }
      if (t.isPrimitive()) {
        return null;
      }
      g = t.asGroupType();
    }
    return null;
  }

  private static String path(Column c) {
    return String.join(".", c.getNames());
  }

  private static FilterPredicate nullCheck(Expression e, MessageType schema, boolean isNull) {
    if (!(e instanceof Column)) {
      return null;
    }
    Column col = (Column) e;
    org.apache.parquet.schema.PrimitiveType t = leaf(col, schema);
    if (t == null) {
      return null;
    }
    String path = path(col);
    switch (t.getPrimitiveTypeName()) {
      case INT32:
        return isNull
            ? FilterApi.eq(FilterApi.intColumn(path), null)
            : FilterApi.notEq(FilterApi.intColumn(path), null);
      case INT64:
        return isNull
            ? FilterApi.eq(FilterApi.longColumn(path), null)
            : FilterApi.notEq(FilterApi.longColumn(path), null);
      case BOOLEAN:
        return isNull
            ? FilterApi.eq(FilterApi.booleanColumn(path), null)
            : FilterApi.notEq(FilterApi.booleanColumn(path), null);
      case BINARY:
        return isNull
            ? FilterApi.eq(FilterApi.binaryColumn(path), null)
            : FilterApi.notEq(FilterApi.binaryColumn(path), null);
      default:
        return null;
    }
  }

  private static FilterPredicate comparison(
      Predicate.Kind kind, Expression left, Expression right, MessageType schema) {
    if (left instanceof Literal && right instanceof Column) {
      return comparison(dev.keel.kernel.internal.scan.Filters.flip(kind), right, left, schema);
    }
    if (!(left instanceof Column) || !(right instanceof Literal) || ((Literal) right).isNull()) {
      return null;
    }
    Column col = (Column) left;
    org.apache.parquet.schema.PrimitiveType t = leaf(col, schema);
    Literal lit = (Literal) right;
    if (t == null) {
      return null;
    }
    String path = path(col);
    PrimitiveTypeName p = t.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
    Object v = lit.getValue().get();
    if (p == PrimitiveTypeName.INT32 && isIntLike(lit) && plainInt(logical, lit)) {
      return compare(kind, FilterApi.intColumn(path), ((Number) v).intValue());
    }
    if (p == PrimitiveTypeName.INT64
        && (isIntLike(lit) || lit.getDataType() instanceof LongType)
        && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
      return compare(kind, FilterApi.longColumn(path), ((Number) v).longValue());
    }
    if (p == PrimitiveTypeName.BOOLEAN
        && lit.getDataType() instanceof BooleanType
        && (kind == Predicate.Kind.EQUAL || kind == Predicate.Kind.NULL_SAFE_EQUAL)) {
      return FilterApi.eq(FilterApi.booleanColumn(path), (Boolean) v);
    }
    if (p == PrimitiveTypeName.BINARY
        && lit.getDataType() instanceof StringType
        && logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
      return compare(kind, FilterApi.binaryColumn(path), Binary.fromString((String) v));
    }
    return null;
  }

  private static boolean isIntLike(Literal lit) {
    return lit.getDataType() instanceof IntegerType
        || lit.getDataType() instanceof ShortType
        || lit.getDataType() instanceof ByteType
        || lit.getDataType() instanceof DateType;
  }

  /** A date literal only against a DATE column, an integer literal only against plain ints. */
  private static boolean plainInt(LogicalTypeAnnotation logical, Literal lit) {
    boolean isDateColumn = logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
    boolean isDateLiteral = lit.getDataType() instanceof DateType;
    if (isDateColumn || isDateLiteral) {
      return isDateColumn && isDateLiteral;
    }
    return logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
      FilterPredicate compare(Predicate.Kind kind, C column, T value) {
    switch (kind) {
      case EQUAL:
      case NULL_SAFE_EQUAL:
        return FilterApi.eq(column, value);
      case LESS_THAN:
        return FilterApi.lt(column, value);
      case LESS_THAN_OR_EQUAL:
        return FilterApi.ltEq(column, value);
      case GREATER_THAN:
        return FilterApi.gt(column, value);
      case GREATER_THAN_OR_EQUAL:
        return FilterApi.gtEq(column, value);
      default:
        return null;
    }
  }

  private static FilterPredicate in(List<Expression> c, MessageType schema) {
    FilterPredicate result = null;
    for (int i = 1; i < c.size(); i++) {
      if (!(c.get(i) instanceof Literal) || ((Literal) c.get(i)).isNull()) {
        continue; // a null element never makes IN true
      }
      FilterPredicate eq = comparison(Predicate.Kind.EQUAL, c.get(0), c.get(i), schema);
      if (eq == null) {
        return null;
      }
      result = result == null ? eq : FilterApi.or(result, eq);
    }
    return result;
  }
}
