package dev.keel.kernel.expressions;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import java.util.List;

/**
 * A reference to a column by its path of names: {@code ["a"]} for a top-level column, {@code ["a",
 * "b"]} for field {@code b} of struct column {@code a}. Names are matched exactly (logical names,
 * after column mapping).
 */
@Stable
public final class Column implements Expression {
  private static final long serialVersionUID = 1L;

  private final List<String> names;

  /**
   * @param names the path of names from the top-level column down, at least one
   * @throws IllegalArgumentException if {@code names} is empty
   */
  public Column(List<String> names) {
    requireNonNull(names, "names is null");
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a column reference needs at least one name");
    }
    this.names = List.copyOf(names);
  }

  /**
   * @return the path of names, top-level first
   */
  public List<String> getNames() {
    return names;
  }

  /**
   * @param child the nested field name
   * @return a reference to field {@code child} of this (struct) column
   */
  public Column appendNested(String child) {
    java.util.ArrayList<String> copy = new java.util.ArrayList<>(names);
    copy.add(child);
    return new Column(copy);
  }

  @Override
  public List<Expression> getChildren() {
    return List.of();
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitColumn(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column && ((Column) o).names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  /**
   * @return the path in SQL form, names with special characters in backquotes: {@code a.`b.c`}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      if (n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        sb.append(n);
      } else {
        sb.append('`').append(n.replace("`", "``")).append('`');
      }
    }
    return sb.toString();
  }
}
