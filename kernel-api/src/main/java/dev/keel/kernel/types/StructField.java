package dev.keel.kernel.types;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;

/** A named, typed field of a {@link StructType}, with nullability and metadata. Immutable. */
@Stable
public final class StructField implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final DataType dataType;
  private final boolean nullable;
  private final FieldMetadata metadata;

  /**
   * Creates a field.
   *
   * @param name the field name (any characters)
   * @param dataType the type
   * @param nullable whether values may be null
   * @param metadata the field metadata
   */
  public StructField(String name, DataType dataType, boolean nullable, FieldMetadata metadata) {
    this.name = requireNonNull(name, "name is null");
    this.dataType = requireNonNull(dataType, "dataType is null");
    this.nullable = nullable;
    this.metadata = requireNonNull(metadata, "metadata is null");
  }

  /**
   * Creates a field without metadata.
   *
   * @param name the field name
   * @param dataType the type
   * @param nullable whether values may be null
   */
  public StructField(String name, DataType dataType, boolean nullable) {
    this(name, dataType, nullable, FieldMetadata.empty());
  }

  /**
   * @return the field name
   */
  public String getName() {
    return name;
  }

  /**
   * @return the field type
   */
  public DataType getDataType() {
    return dataType;
  }

  /**
   * @return whether values may be null
   */
  public boolean isNullable() {
    return nullable;
  }

  /**
   * @return the field metadata
   */
  public FieldMetadata getMetadata() {
    return metadata;
  }

  /**
   * @param newName the new name
   * @return a copy with another name
   */
  public StructField withName(String newName) {
    return new StructField(newName, dataType, nullable, metadata);
  }

  /**
   * @param newType the new type
   * @return a copy with another type
   */
  public StructField withDataType(DataType newType) {
    return new StructField(name, newType, nullable, metadata);
  }

  /**
   * @param newMetadata the new metadata
   * @return a copy with other metadata
   */
  public StructField withMetadata(FieldMetadata newMetadata) {
    return new StructField(name, dataType, nullable, newMetadata);
  }

  /**
   * @param newNullable the new nullability
   * @return a copy with other nullability
   */
  public StructField withNullable(boolean newNullable) {
    return new StructField(name, dataType, newNullable, metadata);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StructField)) {
      return false;
    }
    StructField f = (StructField) o;
    return f.name.equals(name)
        && f.nullable == nullable
        && f.dataType.equals(dataType)
        && f.metadata.equals(metadata);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + dataType.hashCode()) * 31 + (nullable ? 1 : 0);
  }

  @Override
  public String toString() {
    return name + ": " + dataType + (nullable ? "" : " not null");
  }
}
