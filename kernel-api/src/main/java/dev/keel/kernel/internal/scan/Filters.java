package dev.keel.kernel.internal.scan;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Predicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Splitting a filter into the conjuncts partition pruning applies exactly and the rest. */
public final class Filters {
  private Filters() {}

  public static List<Expression> conjuncts(Expression e) {
    List<Expression> out = new ArrayList<>();
    if (e instanceof Predicate && ((Predicate) e).getKind() == Predicate.Kind.AND) {
      for (Expression c : e.getChildren()) {
        out.addAll(conjuncts(c));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  public static Set<String> topLevelColumns(Expression e) {
    Set<String> out = new HashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expression e, Set<String> out) {
    if (e instanceof Column) {
      out.add(((Column) e).getNames().get(0));
    }
    for (Expression c : e.getChildren()) {
      collect(c, out);
    }
  }

  /** Conjuncts that reference only partition columns (and at least one). */
  public static Optional<Predicate> partitionPart(Predicate filter, Set<String> partitionColumns) {
    List<Expression> parts = new ArrayList<>();
    for (Expression c : conjuncts(filter)) {
      Set<String> cols = topLevelColumns(c);
      if (!cols.isEmpty() && partitionColumns.containsAll(cols)) {
        parts.add(c);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(parts));
  }

  /**
   * Conjuncts that reference a non-partition column, or none at all: what the caller must still
   * apply.
   */
  public static Optional<Predicate> dataPart(Predicate filter, Set<String> partitionColumns) {
    List<Expression> parts = new ArrayList<>();
    for (Expression c : conjuncts(filter)) {
      Set<String> cols = topLevelColumns(c);
      if (cols.isEmpty() || !partitionColumns.containsAll(cols)) {
        parts.add(c);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(Expressions.and(parts));
  }

  /** The comparison with its operands swapped: {@code a < b} is {@code b > a}. */
  public static Predicate.Kind flip(Predicate.Kind k) {
    switch (k) {
      case LESS_THAN:
        return Predicate.Kind.GREATER_THAN;
      case LESS_THAN_OR_EQUAL:
        return Predicate.Kind.GREATER_THAN_OR_EQUAL;
      case GREATER_THAN:
        return Predicate.Kind.LESS_THAN;
      case GREATER_THAN_OR_EQUAL:
        return Predicate.Kind.LESS_THAN_OR_EQUAL;
      default:
        return k;
    }
  }
}
