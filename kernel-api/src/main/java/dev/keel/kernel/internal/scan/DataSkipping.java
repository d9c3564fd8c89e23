package dev.keel.kernel.internal.scan;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.types.StructPaths;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites a filter on data columns into a predicate on a file's statistics ({@code numRecords},
 * {@code minValues}, {@code maxValues}, {@code nullCount}, PROTOCOL.md "Per-file Statistics") that
 * is false only when no row of the file can satisfy the filter. A file is kept when the rewrite is
 * true or null (missing statistics). Conservative as the protocol requires:
 *
 * <ul>
 *   <li>string bounds may be truncated prefixes: a maximum that is a prefix of the literal keeps
 *       the file;
 *   <li>timestamp bounds are truncated to milliseconds: maxima are compared against the literal
 *       minus 999 µs;
 *   <li>float and double maxima are never used for {@code >}, {@code >=}: writers may leave NaN
 *       (which Delta orders above every number) out of the bounds;
 *   <li>with wide bounds (deletion vectors) null counts only prove "all null" or "none null", which
 *       is all the rewrites use;
 *   <li>anything else (functions, columns without statistics, unsupported types) keeps the file.
 * </ul>
 */
final class DataSkipping {
  static final String NUM_RECORDS = "numRecords";
  static final String MIN = "minValues";
  static final String MAX = "maxValues";
  static final String NULL_COUNT = "nullCount";

  private final StructType tableSchema;
  private final ColumnMapping.Mode mode;

  /**
   * Logical column path (joined) to its physical path in the statistics, for referenced columns.
   */
  private final Map<List<String>, List<String>> physical = new LinkedHashMap<>();

  private final Map<List<String>, DataType> types = new LinkedHashMap<>();

  DataSkipping(StructType tableSchema, ColumnMapping.Mode mode) {
    this.tableSchema = tableSchema;
    this.mode = mode;
  }

  /**
   * @return the statistics predicate, or empty when nothing in the filter can skip files
   */
  Optional<Predicate> rewrite(Predicate filter) {
    Expression e = rewrite(filter, false);
    return e == null || isTrue(e) ? Optional.empty() : Optional.of(keepUnlessFalse((Predicate) e));
  }

  /** The statistics schema covering the columns the rewrite references. */
  StructType statsSchema() {
    StructType mins = StructType.empty();
    StructType nulls = StructType.empty();
    for (Map.Entry<List<String>, List<String>> e : physical.entrySet()) {
      DataType t = types.get(e.getKey());
      mins = StructPaths.withLeaf(mins, e.getValue(), t);
      nulls = StructPaths.withLeaf(nulls, e.getValue(), DataTypes.LONG);
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField(NUM_RECORDS, DataTypes.LONG, true));
    fields.add(new StructField(MIN, mins, true));
    fields.add(new StructField(MAX, mins, true));
    fields.add(new StructField(NULL_COUNT, nulls, true));
    return new StructType(fields);
  }

  /**
   * The statistics of every column of {@code columns} that has them (leaves through structs, of
   * types with an order): their schema as the statistics JSON names them (physical names), and the
   * same shape under the columns' logical names.
   *
   * @return {@code [physical, logical]}
   */
  StructType[] typedStatisticsSchemas(StructType columns) {
    collectLeaves(columns, new ArrayList<>());
    StructType mins = StructType.empty();
    StructType nulls = StructType.empty();
    for (Map.Entry<List<String>, DataType> e : types.entrySet()) {
      mins = StructPaths.withLeaf(mins, e.getKey(), e.getValue());
      nulls = StructPaths.withLeaf(nulls, e.getKey(), DataTypes.LONG);
    }
    StructType logical =
        new StructType(
            List.of(
                new StructField(NUM_RECORDS, DataTypes.LONG, true),
                new StructField(MIN, mins, true),
                new StructField(MAX, mins, true),
                new StructField(NULL_COUNT, nulls, true)));
    return new StructType[] {statsSchema(), logical};
  }

  private void collectLeaves(StructType s, List<String> prefix) {
    for (StructField f : s.getFields()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(f.getName());
      if (f.getDataType() instanceof StructType) {
        collectLeaves((StructType) f.getDataType(), path);
      } else {
        resolve(new Column(path));
      }
    }
  }

  private static Predicate keepUnlessFalse(Predicate p) {
    return Expressions.or(p, Expressions.isNull(p));
  }

  private static boolean isTrue(Expression e) {
    return e instanceof Predicate && ((Predicate) e).getKind() == Predicate.Kind.ALWAYS_TRUE;
  }

  /** Resolves a logical column of an orderable type; null when statistics cannot help. */
  private DataType resolve(Column c) {
    List<String> names = c.getNames();
    List<String> phys = new ArrayList<>();
    DataType t = tableSchema;
    for (String n : names) {
      if (!(t instanceof StructType) || ((StructType) t).indexOf(n) < 0) {
        return null;
      }
      StructField f = ((StructType) t).at(((StructType) t).indexOf(n));
      phys.add(ColumnMapping.physicalName(f, mode));
      t = f.getDataType();
    }
    if (!(t instanceof ByteType
        || t instanceof ShortType
        || t instanceof IntegerType
        || t instanceof LongType
        || t instanceof FloatType
        || t instanceof DoubleType
        || t instanceof DecimalType
        || t instanceof StringType
        || t instanceof DateType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType)) {
      return null;
    }
    physical.put(names, phys);
    types.put(names, t);
    return t;
  }

  private Column stat(String kind, Column c) {
    List<String> path = new ArrayList<>();
    path.add(kind);
    path.addAll(physical.get(c.getNames()));
    return new Column(path);
  }

  /**
   * @param negated whether the expression sits under an odd number of NOTs
   */
  private Expression rewrite(Expression e, boolean negated) {
    if (!(e instanceof Predicate)) {
      return Expressions.alwaysTrue();
    }
    Predicate p = (Predicate) e;
    List<Expression> c = p.getChildren();
    switch (p.getKind()) {
      case AND:
      case OR:
        {
          boolean and = (p.getKind() == Predicate.Kind.AND) != negated;
          Expression l = rewrite(c.get(0), negated);
          Expression r = rewrite(c.get(1), negated);
          if (and) {
            return isTrue(l) ? r : isTrue(r) ? l : Expressions.and(l, r);
          }
          return isTrue(l) || isTrue(r) ? Expressions.alwaysTrue() : Expressions.or(l, r);
        }
      case NOT:
        return rewrite(c.get(0), !negated);
      case IS_NULL:
      case IS_NOT_NULL:
        {
          if (!(c.get(0) instanceof Column) || resolve((Column) c.get(0)) == null) {
            return Expressions.alwaysTrue();
          }
          Column col = (Column) c.get(0);
          boolean isNull = (p.getKind() == Predicate.Kind.IS_NULL) != negated;
          return isNull
              ? Expressions.greaterThan(stat(NULL_COUNT, col), Literal.ofLong(0))
              : Expressions.lessThan(stat(NULL_COUNT, col), new Column(List.of(NUM_RECORDS)));
        }
      case IN:
        {
          if (negated) {
            return Expressions.alwaysTrue();
          }
          Expression result = null;
          for (int i = 1; i < c.size(); i++) {
            Expression eq = comparison(Predicate.Kind.EQUAL, c.get(0), c.get(i));
            if (isTrue(eq)) {
              return eq;
            }
            result = result == null ? eq : Expressions.or(result, eq);
          }
          return result;
        }
      case STARTS_WITH:
        return negated ? Expressions.alwaysTrue() : startsWith(c.get(0), c.get(1));
      case EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return negated
            ? notComparison(p.getKind(), c.get(0), c.get(1))
            : comparison(p.getKind(), c.get(0), c.get(1));
      default:
        return Expressions.alwaysTrue();
    }
  }

  private Expression notComparison(Predicate.Kind kind, Expression l, Expression r) {
    switch (kind) {
      case LESS_THAN:
        return comparison(Predicate.Kind.GREATER_THAN_OR_EQUAL, l, r);
      case LESS_THAN_OR_EQUAL:
        return comparison(Predicate.Kind.GREATER_THAN, l, r);
      case GREATER_THAN:
        return comparison(Predicate.Kind.LESS_THAN_OR_EQUAL, l, r);
      case GREATER_THAN_OR_EQUAL:
        return comparison(Predicate.Kind.LESS_THAN, l, r);
      default:
        {
          // col != lit: skip only a file whose every value equals lit
          Column col = l instanceof Column ? (Column) l : r instanceof Column ? (Column) r : null;
          Expression lit = l instanceof Column ? r : l;
          if (col == null || !(lit instanceof Literal) || ((Literal) lit).isNull()) {
            return Expressions.alwaysTrue();
          }
          DataType t = resolve(col);
          if (t == null
              || t instanceof StringType
              || t instanceof TimestampType
              || t instanceof TimestampNTZType
              || t instanceof FloatType
              || t instanceof DoubleType) {
            return Expressions
                .alwaysTrue(); // truncated or NaN-blind bounds cannot prove "all equal"
          }
          return Expressions.not(
              Expressions.and(
                  Expressions.equal(stat(MIN, col), lit), Expressions.equal(stat(MAX, col), lit)));
        }
    }
  }

  private Expression comparison(Predicate.Kind kind, Expression l, Expression r) {
    if (l instanceof Literal && r instanceof Column) {
      return comparison(dev.keel.kernel.internal.scan.Filters.flip(kind), r, l);
    }
    if (!(l instanceof Column) || !(r instanceof Literal) || ((Literal) r).isNull()) {
      return Expressions.alwaysTrue();
    }
    Column col = (Column) l;
    Literal lit = (Literal) r;
    DataType t = resolve(col);
    if (t == null) {
      return Expressions.alwaysTrue();
    }
    boolean floating = t instanceof FloatType || t instanceof DoubleType;
    if (floating
        && lit.getValue().map(v -> Double.isNaN(((Number) v).doubleValue())).orElse(false)) {
      return Expressions.alwaysTrue();
    }
    Expression min = stat(MIN, col);
    Expression max = stat(MAX, col);
    switch (kind) {
      case EQUAL:
        return Expressions.and(
            Expressions.lessThanOrEqual(min, lit),
            upper(Predicate.Kind.GREATER_THAN_OR_EQUAL, max, lit, t));
      case LESS_THAN:
        return Expressions.lessThan(min, lit);
      case LESS_THAN_OR_EQUAL:
        return Expressions.lessThanOrEqual(min, lit);
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return floating ? Expressions.alwaysTrue() : upper(kind, max, lit, t);
      default:
        return Expressions.alwaysTrue();
    }
  }

  /** {@code max kind lit}, widened for truncated string and timestamp maxima. */
  private static Expression upper(Predicate.Kind kind, Expression max, Literal lit, DataType t) {
    if (t instanceof StringType) {
      Predicate cmp = new Predicate(kind, List.of(max, lit));
      return Expressions.or(cmp, Expressions.startsWith(lit, max));
    }
    if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      long micros = (Long) lit.getValue().get();
      Literal widened =
          t instanceof TimestampType
              ? Literal.ofTimestamp(micros - 999)
              : Literal.ofTimestampNtz(micros - 999);
      return new Predicate(kind, List.of(max, widened));
    }
    return new Predicate(kind, List.of(max, lit));
  }

  private Expression startsWith(Expression value, Expression prefix) {
    if (!(value instanceof Column) || !(prefix instanceof Literal) || ((Literal) prefix).isNull()) {
      return Expressions.alwaysTrue();
    }
    DataType t = resolve((Column) value);
    if (!(t instanceof StringType)) {
      return Expressions.alwaysTrue();
    }
    Expression min = stat(MIN, (Column) value);
    Expression max = stat(MAX, (Column) value);
    // some value may start with p: min <= p or min starts with p, and max >= p or p starts with max
    return Expressions.and(
        Expressions.or(
            Expressions.lessThanOrEqual(min, prefix), Expressions.startsWith(min, prefix)),
        Expressions.or(
            Expressions.greaterThanOrEqual(max, prefix), Expressions.startsWith(prefix, max)));
  }
}
