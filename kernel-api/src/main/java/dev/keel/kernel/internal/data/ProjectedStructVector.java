package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;

/**
 * A struct vector shown with fewer fields: {@code type}'s fields (by name, nested structs too)
 * taken from a struct vector that has them and maybe others. Owns nothing.
 */
public final class ProjectedStructVector extends DelegatingVector {
  private final StructType type;

  private ProjectedStructVector(ColumnVector base, StructType type) {
    super(base);
    this.type = type;
  }

  /**
   * @param base a vector whose type has every field of {@code type} (by name)
   * @param type the type to show: a struct projects, any other type is {@code base} itself
   */
  public static ColumnVector of(ColumnVector base, DataType type) {
    return type instanceof StructType && !base.getDataType().equals(type)
        ? new ProjectedStructVector(base, (StructType) type)
        : base;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    StructType baseType = (StructType) base.getDataType();
    String name = type.at(ordinal).getName();
    return of(base.getChild(baseType.indexOf(name)), type.at(ordinal).getDataType());
  }

  @Override
  public void close() {}
}
