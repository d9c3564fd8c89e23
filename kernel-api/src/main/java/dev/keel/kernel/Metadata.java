package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.types.StructType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's metaData action: identity, schema, partition columns and properties. Immutable. The
 * schema is parsed lazily from {@link #getSchemaString()}.
 */
@Evolving
public final class Metadata {
  private final String id;
  private final Optional<String> name;
  private final Optional<String> description;
  private final String formatProvider;
  private final Map<String, String> formatOptions;
  private final String schemaString;
  private final List<String> partitionColumns;
  private final Map<String, String> configuration;
  private final Optional<Long> createdTime;
  private volatile StructType schema;

  /**
   * @param id the table id
   * @param name the table name, if set
   * @param description the table description, if set
   * @param formatProvider the data file format, normally {@code parquet}
   * @param formatOptions the format options
   * @param schemaString the schema as Delta schema JSON
   * @param partitionColumns the partition columns, in order
   * @param configuration the table properties
   * @param createdTime the creation time in epoch milliseconds, if set
   */
  Metadata(
      String id,
      Optional<String> name,
      Optional<String> description,
      String formatProvider,
      Map<String, String> formatOptions,
      String schemaString,
      List<String> partitionColumns,
      Map<String, String> configuration,
      Optional<Long> createdTime) {
    this.id = requireNonNull(id, "id is null");
    this.name = requireNonNull(name, "name is null");
    this.description = requireNonNull(description, "description is null");
    this.formatProvider = requireNonNull(formatProvider, "formatProvider is null");
    this.formatOptions =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(formatOptions, "formatOptions is null")));
    this.schemaString = requireNonNull(schemaString, "schemaString is null");
    this.partitionColumns =
        List.copyOf(requireNonNull(partitionColumns, "partitionColumns is null"));
    this.configuration =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(configuration, "configuration is null")));
    this.createdTime = requireNonNull(createdTime, "createdTime is null");
  }

  /**
   * @return the table id (a UUID string)
   */
  public String getId() {
    return id;
  }

  /**
   * @return the user-given table name, if any
   */
  public Optional<String> getName() {
    return name;
  }

  /**
   * @return the user-given description, if any
   */
  public Optional<String> getDescription() {
    return description;
  }

  /**
   * @return the data file format provider, normally {@code parquet}
   */
  public String getFormatProvider() {
    return formatProvider;
  }

  /**
   * @return the format options
   */
  public Map<String, String> getFormatOptions() {
    return formatOptions;
  }

  /**
   * @return the schema JSON exactly as the log holds it
   */
  public String getSchemaString() {
    return schemaString;
  }

  /**
   * @return the parsed schema
   * @throws dev.keel.kernel.exceptions.InvalidSchemaException if the schema string is malformed
   */
  public StructType getSchema() {
    StructType s = schema;
    if (s == null) {
      s = StructType.fromJson(schemaString);
      schema = s;
    }
    return s;
  }

  /**
   * @return the partition columns, in order
   */
  public List<String> getPartitionColumns() {
    return partitionColumns;
  }

  /**
   * @return the table properties
   */
  public Map<String, String> getConfiguration() {
    return configuration;
  }

  /**
   * @return the creation time in epoch milliseconds, if recorded
   */
  public Optional<Long> getCreatedTime() {
    return createdTime;
  }

  @Override
  public String toString() {
    return "Metadata{id="
        + id
        + ", partitionColumns="
        + partitionColumns
        + ", configuration="
        + configuration
        + "}";
  }
}
