package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * A non-nested type identified by its Delta name alone. Each subclass has one instance, exposed as
 * a constant on the subclass ({@link IntegerType#INTEGER}) and on {@link DataTypes}.
 */
@Stable
public abstract class PrimitiveType extends DataType {
  private final String name;

  PrimitiveType(String name) {
    this.name = name;
  }

  /**
   * @return the type's name as the Delta schema JSON writes it, e.g. {@code "integer"}
   */
  public String getName() {
    return name;
  }

  /** Deserializes to the one instance of the type (Java serialization calls this). */
  Object readResolve() {
    return DataTypes.fromJson("\"" + name + "\"");
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
