package dev.keel.kernel.types;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;

/** The Delta {@code map} type: key-value pairs; keys are never null. */
@Stable
public final class MapType extends DataType {
  private final DataType keyType;
  private final DataType valueType;
  private final boolean valueContainsNull;

  /**
   * Creates a map type.
   *
   * @param keyType the key type
   * @param valueType the value type
   * @param valueContainsNull whether values may be null
   */
  public MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    this.keyType = requireNonNull(keyType, "keyType is null");
    this.valueType = requireNonNull(valueType, "valueType is null");
    this.valueContainsNull = valueContainsNull;
  }

  /**
   * @return the key type
   */
  public DataType getKeyType() {
    return keyType;
  }

  /**
   * @return the value type
   */
  public DataType getValueType() {
    return valueType;
  }

  /**
   * @return whether values may be null
   */
  public boolean isValueContainsNull() {
    return valueContainsNull;
  }

  @Override
  public boolean isNested() {
    return true;
  }

  @Override
  public boolean equivalent(DataType other) {
    return other instanceof MapType
        && keyType.equivalent(((MapType) other).keyType)
        && valueType.equivalent(((MapType) other).valueType);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MapType)) {
      return false;
    }
    MapType m = (MapType) o;
    return m.valueContainsNull == valueContainsNull
        && m.keyType.equals(keyType)
        && m.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return (keyType.hashCode() * 31 + valueType.hashCode()) * 31 + (valueContainsNull ? 1 : 0);
  }

  @Override
  public String toString() {
    return "map<" + keyType + "," + valueType + ">";
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitMap(this);
  }
}
