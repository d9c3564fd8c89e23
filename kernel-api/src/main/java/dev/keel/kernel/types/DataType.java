package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * A Delta data type. Instances are immutable; primitive types are singletons (compare with {@code
 * equals} or {@code instanceof}); {@link DecimalType}, {@link StructType}, {@link ArrayType} and
 * {@link MapType} are values.
 *
 * <p>{@link #toString()} gives the type's Delta name ({@code integer}, {@code decimal(10,2)}) for
 * primitives and a readable form for nested types; the schema JSON of the protocol comes from
 * {@link StructType#toJson()}.
 *
 * <p>Types are {@link java.io.Serializable} (so a distributed engine can ship a schema or a
 * predicate to its workers); a deserialized primitive type is its singleton again.
 */
@Stable
public abstract class DataType implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  DataType() {}

  /**
   * @return whether this is a struct, array or map
   */
  public boolean isNested() {
    return false;
  }

  /**
   * Whether {@code other} is the same type ignoring nullability flags and field metadata (field
   * names are compared exactly).
   *
   * @param other the type to compare with
   * @return whether the two types are equivalent
   */
  public boolean equivalent(DataType other) {
    return equals(other);
  }

  /**
   * Calls the visitor's method for this kind of type.
   *
   * @param visitor the visitor
   * @param <R> what it returns
   * @return what the visitor returned
   */
  public abstract <R> R accept(DataTypeVisitor<R> visitor);

  @Override
  public abstract boolean equals(Object o);

  @Override
  public abstract int hashCode();

  @Override
  public abstract String toString();
}
