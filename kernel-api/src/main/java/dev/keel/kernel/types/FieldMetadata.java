package dev.keel.kernel.types;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.util.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata of a struct field: an ordered, immutable map from keys to JSON values, kept exactly
 * as the schema JSON holds it (column mapping ids and physical names, type-widening history,
 * collations, generation expressions, defaults).
 *
 * <p>Values are {@code null}, {@link Boolean}, {@link Long}, {@link Double}, {@link String}, {@code
 * FieldMetadata} (a nested JSON object) or an unmodifiable {@link List} of these.
 */
@Stable
public final class FieldMetadata implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private static final FieldMetadata EMPTY = new FieldMetadata(Map.of());

  private final Map<String, Object> entries;

  private FieldMetadata(Map<String, Object> entries) {
    this.entries = entries;
  }

  /**
   * @return metadata with no entries
   */
  public static FieldMetadata empty() {
    return EMPTY;
  }

  /**
   * @return a builder for new metadata
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder starting from this metadata's entries
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.entries.putAll(entries);
    return b;
  }

  /**
   * @return the entries, in their original order, unmodifiable
   */
  public Map<String, Object> getEntries() {
    return entries;
  }

  /**
   * @return whether there are no entries
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * @param key the key
   * @return whether the key is present (its value may be JSON null)
   */
  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  /**
   * @param key the key
   * @return the value, or empty when absent or JSON null
   */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * @param key the key
   * @return the string value, or empty when absent or not a string
   */
  public Optional<String> getString(String key) {
    Object v = entries.get(key);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  /**
   * @param key the key
   * @return the integral value, or empty when absent or not an integer
   */
  public Optional<Long> getLong(String key) {
    Object v = entries.get(key);
    return v instanceof Long ? Optional.of((Long) v) : Optional.empty();
  }

  /**
   * @param key the key
   * @return the boolean value, or empty when absent or not a boolean
   */
  public Optional<Boolean> getBoolean(String key) {
    Object v = entries.get(key);
    return v instanceof Boolean ? Optional.of((Boolean) v) : Optional.empty();
  }

  /**
   * @param key the key
   * @return the nested metadata object, or empty when absent or not an object
   */
  public Optional<FieldMetadata> getMetadata(String key) {
    Object v = entries.get(key);
    return v instanceof FieldMetadata ? Optional.of((FieldMetadata) v) : Optional.empty();
  }

  /**
   * @return the metadata as a JSON object, compact
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder();
    Json.write(sb, this);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldMetadata && entries.equals(((FieldMetadata) o).entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Builds {@link FieldMetadata}; keys keep insertion order. */
  public static final class Builder {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Puts a value, replacing any previous one.
     *
     * @param key the key
     * @param value null, Boolean, Long/Integer/Short/Byte, Double/Float, String, FieldMetadata, or
     *     a List of these
     * @return this builder
     * @throws IllegalArgumentException for any other value type
     */
    public Builder put(String key, Object value) {
      entries.put(requireNonNull(key, "key is null"), normalize(value));
      return this;
    }

    /**
     * Removes a key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder remove(String key) {
      entries.remove(key);
      return this;
    }

    /**
     * @return the metadata
     */
    public FieldMetadata build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      return new FieldMetadata(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }

    private static Object normalize(Object v) {
      if (v == null
          || v instanceof Boolean
          || v instanceof Long
          || v instanceof String
          || v instanceof Double
          || v instanceof FieldMetadata) {
        return v;
      }
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof Float) {
        return ((Float) v).doubleValue();
      }
      if (v instanceof List) {
        List<Object> copy = new ArrayList<>();
        for (Object e : (List<?>) v) {
          copy.add(normalize(e));
        }
        return Collections.unmodifiableList(copy);
      }
      throw new IllegalArgumentException(
          "Unsupported field metadata value of type "
              + v.getClass().getName()
              + ": use null, Boolean, Long, Double, String, FieldMetadata or a List of these.");
    }
  }
}
