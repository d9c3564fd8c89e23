package dev.keel.connectors.flink;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;

/**
 * Flink's resolved filter expressions as Keel predicates: comparisons of a column with a literal,
 * {@code IS [NOT] NULL}, {@code AND}, {@code OR} and {@code NOT} over them. A literal becomes a
 * literal of its column's type when its value fits that type exactly; anything else (functions,
 * casts, column-to-column comparisons) is not converted and stays with Flink.
 */
final class FlinkPredicates {
  private FlinkPredicates() {}

  /**
   * @param schema the table's schema, for the columns' types
   * @return the predicate, or empty if the expression is not one Keel evaluates the same way
   */
  static Optional<Predicate> convert(ResolvedExpression e, StructType schema) {
    if (!(e instanceof CallExpression call)) {
      return Optional.empty();
    }
    FunctionDefinition f = call.getFunctionDefinition();
    List<ResolvedExpression> args = call.getResolvedChildren();
    if (f == BuiltInFunctionDefinitions.AND || f == BuiltInFunctionDefinitions.OR) {
      Optional<Predicate> left = convert(args.get(0), schema);
      Optional<Predicate> right = convert(args.get(1), schema);
      if (left.isEmpty() || right.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          f == BuiltInFunctionDefinitions.AND
              ? Expressions.and(left.get(), right.get())
              : Expressions.or(left.get(), right.get()));
    }
    if (f == BuiltInFunctionDefinitions.NOT) {
      return convert(args.get(0), schema).map(Expressions::not);
    }
    if (f == BuiltInFunctionDefinitions.IS_NULL || f == BuiltInFunctionDefinitions.IS_NOT_NULL) {
      Optional<Column> column = column(args.get(0), schema);
      return column.map(
          c ->
              f == BuiltInFunctionDefinitions.IS_NULL
                  ? Expressions.isNull(c)
                  : Expressions.isNotNull(c));
    }
    if (args.size() != 2) {
      return Optional.empty();
    }
    boolean flipped = args.get(0) instanceof ValueLiteralExpression;
    ResolvedExpression columnSide = flipped ? args.get(1) : args.get(0);
    ResolvedExpression literalSide = flipped ? args.get(0) : args.get(1);
    Optional<Column> column = column(columnSide, schema);
    if (column.isEmpty() || !(literalSide instanceof ValueLiteralExpression value)) {
      return Optional.empty();
    }
    DataType type = schema.get(column.get().getNames().get(0)).get().getDataType();
    Optional<Literal> literal = literal(value, type);
    if (literal.isEmpty()) {
      return Optional.empty();
    }
    Expression c = column.get();
    Expression l = literal.get();
    if (f == BuiltInFunctionDefinitions.EQUALS) {
      return Optional.of(Expressions.equal(c, l));
    } else if (f == BuiltInFunctionDefinitions.NOT_EQUALS) {
      return Optional.of(Expressions.notEqual(c, l));
    } else if (f == BuiltInFunctionDefinitions.LESS_THAN) {
      return Optional.of(flipped ? Expressions.greaterThan(c, l) : Expressions.lessThan(c, l));
    } else if (f == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
      return Optional.of(
          flipped ? Expressions.greaterThanOrEqual(c, l) : Expressions.lessThanOrEqual(c, l));
    } else if (f == BuiltInFunctionDefinitions.GREATER_THAN) {
      return Optional.of(flipped ? Expressions.lessThan(c, l) : Expressions.greaterThan(c, l));
    } else if (f == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
      return Optional.of(
          flipped ? Expressions.lessThanOrEqual(c, l) : Expressions.greaterThanOrEqual(c, l));
    }
    return Optional.empty();
  }

  /** A top-level column of a type Keel compares as Flink does. */
  private static Optional<Column> column(ResolvedExpression e, StructType schema) {
    if (!(e instanceof FieldReferenceExpression ref)) {
      return Optional.empty();
    }
    Optional<StructField> field = schema.get(ref.getName());
    return field.map(f -> Expressions.column(f.getName()));
  }

  /** The literal as a value of {@code type}, if it is exactly one. */
  static Optional<Literal> literal(ValueLiteralExpression value, DataType type) {
    if (value.isNull()) {
      return Optional.empty(); // comparisons with NULL are never true; Flink folds them itself
    }
    if (type instanceof BooleanType) {
      return value.getValueAs(Boolean.class).map(Literal::ofBoolean);
    }
    if (type instanceof StringType) {
      return value.getValueAs(String.class).map(Literal::ofString);
    }
    if (type instanceof DateType) {
      return value.getValueAs(LocalDate.class).map(Literal::ofDate);
    }
    if (type instanceof TimestampNTZType) {
      return value
          .getValueAs(LocalDateTime.class)
          .map(t -> Literal.ofTimestampNtz(micros(t.toInstant(ZoneOffset.UTC))));
    }
    if (type instanceof TimestampType) {
      return value.getValueAs(Instant.class).map(t -> Literal.ofTimestamp(micros(t)));
    }
    Optional<BigDecimal> number = value.getValueAs(BigDecimal.class);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal n = number.get();
    try {
      if (type instanceof ByteType) {
        return Optional.of(Literal.ofByte(n.byteValueExact()));
      } else if (type instanceof ShortType) {
        return Optional.of(Literal.ofShort(n.shortValueExact()));
      } else if (type instanceof IntegerType) {
        return Optional.of(Literal.ofInt(n.intValueExact()));
      } else if (type instanceof LongType) {
        return Optional.of(Literal.ofLong(n.longValueExact()));
      } else if (type instanceof DecimalType d) {
        BigDecimal scaled = n.setScale(d.getScale());
        return scaled.precision() <= d.getPrecision()
            ? Optional.of(Literal.ofDecimal(scaled, d.getPrecision(), d.getScale()))
            : Optional.empty();
      } else if (type instanceof DoubleType) {
        double v = n.doubleValue();
        return new BigDecimal(v).compareTo(n) == 0
            ? Optional.of(Literal.ofDouble(v))
            : Optional.empty();
      } else if (type instanceof FloatType) {
        float v = n.floatValue();
        return new BigDecimal(v).compareTo(n) == 0
            ? Optional.of(Literal.ofFloat(v))
            : Optional.empty();
      }
    } catch (ArithmeticException e) {
      return Optional.empty(); // not exactly a value of the column's type
    }
    return Optional.empty();
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
