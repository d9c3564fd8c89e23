package dev.keel.kernel.types;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.types.SchemaJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A struct: an ordered list of uniquely named fields. Used both for a table's schema and for struct
 * columns. Immutable; {@link #add} returns a new struct.
 */
@Stable
public final class StructType extends DataType {
  private final List<StructField> fields;
  private final Map<String, Integer> indexByName;

  /**
   * Creates a struct.
   *
   * @param fields the fields, in order; names must be unique
   * @throws InvalidSchemaException if two fields have the same name
   */
  public StructType(List<StructField> fields) {
    this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.fields.size(); i++) {
      if (index.put(this.fields.get(i).getName(), i) != null) {
        throw Errors.duplicateFieldName(this.fields.get(i).getName(), toString());
      }
    }
    this.indexByName = Collections.unmodifiableMap(index);
  }

  /**
   * @return a struct with no fields
   */
  public static StructType empty() {
    return new StructType(List.of());
  }

  /**
   * Parses a schema from the Delta schema JSON ({@code metaData.schemaString}).
   *
   * @param json the JSON text of a struct type
   * @return the schema
   * @throws InvalidSchemaException if the JSON is malformed or names an unknown type
   */
  public static StructType fromJson(String json) {
    return SchemaJson.parseStruct(json);
  }

  /**
   * @return the schema as Delta schema JSON, compact, in the field order of the protocol
   */
  public String toJson() {
    return SchemaJson.toJson(this);
  }

  /**
   * @param field the field to append
   * @return a new struct with {@code field} appended
   */
  public StructType add(StructField field) {
    List<StructField> copy = new ArrayList<>(fields);
    copy.add(field);
    return new StructType(copy);
  }

  /**
   * @param name the field name
   * @param type the field type
   * @return a new struct with a nullable field appended
   */
  public StructType add(String name, DataType type) {
    return add(new StructField(name, type, true));
  }

  /**
   * @param name the field name
   * @param type the field type
   * @param nullable whether the field is nullable
   * @return a new struct with the field appended
   */
  public StructType add(String name, DataType type, boolean nullable) {
    return add(new StructField(name, type, nullable));
  }

  /**
   * @return the fields, unmodifiable
   */
  public List<StructField> getFields() {
    return fields;
  }

  /**
   * @return the number of fields
   */
  public int length() {
    return fields.size();
  }

  /**
   * @param ordinal the field position
   * @return the field at {@code ordinal}
   * @throws IndexOutOfBoundsException if there is no such position
   */
  public StructField at(int ordinal) {
    return fields.get(ordinal);
  }

  /**
   * @param name the exact field name
   * @return the position of the field, or -1
   */
  public int indexOf(String name) {
    Integer i = indexByName.get(name);
    return i == null ? -1 : i;
  }

  /**
   * @param name the exact field name
   * @return the field, or empty
   */
  public Optional<StructField> get(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  /**
   * Finds a field by name ignoring case, as Delta column names are unique regardless of case.
   *
   * @param name the field name in any case
   * @return the position of the field, or -1
   */
  public int indexOfIgnoreCase(String name) {
    int exact = indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * @return the field names, in order
   */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(fields.size());
    for (StructField f : fields) {
      names.add(f.getName());
    }
    return names;
  }

  @Override
  public boolean isNested() {
    return true;
  }

  @Override
  public boolean equivalent(DataType other) {
    if (!(other instanceof StructType) || ((StructType) other).length() != length()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      StructField a = fields.get(i);
      StructField b = ((StructType) other).fields.get(i);
      if (!a.getName().equals(b.getName()) || !a.getDataType().equivalent(b.getDataType())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType && ((StructType) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("struct<");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(fields.get(i).getName()).append(':').append(fields.get(i).getDataType());
    }
    return sb.append('>').toString();
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitStruct(this);
  }
}
