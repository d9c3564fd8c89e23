package dev.keel.kernel.types;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code array} type: a variable-length list of elements of one type. */
@Stable
public final class ArrayType extends DataType {
  private final DataType elementType;
  private final boolean containsNull;

  /**
   * Creates an array type.
   *
   * @param elementType the element type
   * @param containsNull whether elements may be null
   */
  public ArrayType(DataType elementType, boolean containsNull) {
    this.elementType = requireNonNull(elementType, "elementType is null");
    this.containsNull = containsNull;
  }

  /**
   * @return the element type
   */
  public DataType getElementType() {
    return elementType;
  }

  /**
   * @return whether elements may be null
   */
  public boolean containsNull() {
    return containsNull;
  }

  @Override
  public boolean isNested() {
    return true;
  }

  @Override
  public boolean equivalent(DataType other) {
    return other instanceof ArrayType && elementType.equivalent(((ArrayType) other).elementType);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayType
        && ((ArrayType) o).containsNull == containsNull
        && ((ArrayType) o).elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return elementType.hashCode() * 31 + (containsNull ? 1 : 0);
  }

  @Override
  public String toString() {
    return "array<" + elementType + ">";
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitArray(this);
  }
}
