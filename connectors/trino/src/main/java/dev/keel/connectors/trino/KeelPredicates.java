package dev.keel.connectors.trino;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.BinaryType;
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
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import io.airlift.slice.Slice;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestampWithTimeZone;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trino's column domains as Keel predicates, for Keel's partition pruning and data skipping. A
 * domain Keel cannot express (a type without literals here) is left out, so the predicate is never
 * stricter than the domains: Keel skips only files no row of which can match.
 */
final class KeelPredicates {
  private KeelPredicates() {}

  /**
   * @return the conjunction of the domains Keel can express, or empty when none can
   */
  static Optional<Predicate> toKeel(TupleDomain<KeelColumnHandle> domains, StructType schema) {
    if (domains.isNone()) {
      return Optional.of(Expressions.alwaysFalse());
    }
    List<Predicate> conjuncts = new ArrayList<>();
    for (Map.Entry<KeelColumnHandle, Domain> e : domains.getDomains().orElseThrow().entrySet()) {
      String name = e.getKey().name();
      schema
          .get(name)
          .flatMap(f -> column(name, f.getDataType(), e.getValue()))
          .ifPresent(conjuncts::add);
    }
    return conjuncts.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(conjuncts));
  }

  /** Whether the domain is a set of values (and perhaps null), which partition pruning decides. */
  static boolean isDiscrete(Domain domain) {
    return domain.isOnlyNull()
        || (!domain.getValues().isNone()
            && domain.getValues().getRanges().getOrderedRanges().stream()
                .allMatch(Range::isSingleValue));
  }

  static Optional<Predicate> column(String name, DataType type, Domain domain) {
    Column c = Expressions.column(name);
    if (domain.isNone()) {
      return Optional.of(Expressions.alwaysFalse());
    }
    if (domain.isOnlyNull()) {
      return Optional.of(Expressions.isNull(c));
    }
    Optional<Predicate> values;
    if (domain.getValues().isAll()) {
      values = Optional.of(Expressions.isNotNull(c));
    } else {
      values = ranges(c, type, domain.getValues().getRanges().getOrderedRanges());
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        domain.isNullAllowed()
            ? Expressions.or(values.get(), Expressions.isNull(c))
            : values.get());
  }

  private static Optional<Predicate> ranges(Column c, DataType type, List<Range> ranges) {
    if (ranges.stream().allMatch(Range::isSingleValue)) {
      List<Literal> values = new ArrayList<>();
      for (Range r : ranges) {
        Optional<Literal> l = literal(type, r.getSingleValue());
        if (l.isEmpty()) {
          return Optional.empty();
        }
        values.add(l.get());
      }
      return Optional.of(
          values.size() == 1 ? Expressions.equal(c, values.get(0)) : Expressions.in(c, values));
    }
    Predicate any = null;
    for (Range r : ranges) {
      List<Predicate> bounds = new ArrayList<>();
      if (r.getLowValue().isPresent()) {
        Optional<Literal> low = literal(type, r.getLowValue().get());
        if (low.isEmpty()) {
          return Optional.empty();
        }
        bounds.add(
            r.isLowInclusive()
                ? Expressions.greaterThanOrEqual(c, low.get())
                : Expressions.greaterThan(c, low.get()));
      }
      if (r.getHighValue().isPresent()) {
        Optional<Literal> high = literal(type, r.getHighValue().get());
        if (high.isEmpty()) {
          return Optional.empty();
        }
        bounds.add(
            r.isHighInclusive()
                ? Expressions.lessThanOrEqual(c, high.get())
                : Expressions.lessThan(c, high.get()));
      }
      Predicate range = bounds.isEmpty() ? Expressions.isNotNull(c) : Expressions.and(bounds);
      any = any == null ? range : Expressions.or(any, range);
    }
    return Optional.ofNullable(any);
  }

  /** A Trino value (its stack representation) of a column of this Keel type, as a literal. */
  static Optional<Literal> literal(DataType type, Object v) {
    if (type instanceof BooleanType) {
      return Optional.of(Literal.ofBoolean((Boolean) v));
    } else if (type instanceof ByteType) {
      return Optional.of(Literal.ofByte((byte) (long) (Long) v));
    } else if (type instanceof ShortType) {
      return Optional.of(Literal.ofShort((short) (long) (Long) v));
    } else if (type instanceof IntegerType) {
      return Optional.of(Literal.ofInt((int) (long) (Long) v));
    } else if (type instanceof LongType) {
      return Optional.of(Literal.ofLong((Long) v));
    } else if (type instanceof FloatType) {
      return Optional.of(Literal.ofFloat(Float.intBitsToFloat((int) (long) (Long) v)));
    } else if (type instanceof DoubleType) {
      return Optional.of(Literal.ofDouble((Double) v));
    } else if (type instanceof StringType) {
      return Optional.of(Literal.ofString(((Slice) v).toStringUtf8()));
    } else if (type instanceof BinaryType) {
      return Optional.of(Literal.ofBinary(((Slice) v).getBytes()));
    } else if (type instanceof DateType) {
      return Optional.of(Literal.ofDate((int) (long) (Long) v));
    } else if (type instanceof TimestampNTZType) {
      return Optional.of(Literal.ofTimestampNtz((Long) v));
    } else if (type instanceof TimestampType) {
      LongTimestampWithTimeZone t = (LongTimestampWithTimeZone) v;
      return Optional.of(
          Literal.ofTimestamp(t.getEpochMillis() * 1000 + t.getPicosOfMilli() / 1_000_000));
    } else if (type instanceof DecimalType d) {
      BigDecimal value =
          v instanceof Long l
              ? BigDecimal.valueOf(l, d.getScale())
              : new BigDecimal(((Int128) v).toBigInteger(), d.getScale());
      return Optional.of(Literal.ofDecimal(value, d.getPrecision(), d.getScale()));
    }
    return Optional.empty();
  }
}
