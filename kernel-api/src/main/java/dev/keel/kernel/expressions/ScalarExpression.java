package dev.keel.kernel.expressions;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import java.util.List;

/**
 * A call of a named scalar function on argument expressions, for functions that are not predicates.
 * An engine's {@code ExpressionHandler} says which names it evaluates and rejects others with an
 * {@code InvalidExpressionException}. The default engine evaluates {@code COALESCE}.
 */
@Stable
public final class ScalarExpression implements Expression {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Expression> children;

  /**
   * @param name the function name, upper case by convention
   * @param children the arguments
   */
  public ScalarExpression(String name, List<Expression> children) {
    this.name = requireNonNull(name, "name is null");
    this.children = List.copyOf(requireNonNull(children, "children is null"));
  }

  /**
   * @return the function name
   */
  public String getName() {
    return name;
  }

  @Override
  public List<Expression> getChildren() {
    return children;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitScalar(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScalarExpression
        && ((ScalarExpression) o).name.equals(name)
        && ((ScalarExpression) o).children.equals(children);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + children.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(children.get(i));
    }
    return sb.append(')').toString();
  }
}
