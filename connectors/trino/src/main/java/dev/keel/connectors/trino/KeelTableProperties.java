package dev.keel.connectors.trino;

import static io.trino.spi.type.VarcharType.VARCHAR;

import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.TypeOperators;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code WITH (...)} properties of a {@code keel} table: {@code partitioned_by} (column names)
 * and {@code location} (where to create it; by default the schema's directory under {@code
 * keel.root}), which are fixed at creation, and the Delta table properties, which {@code ALTER
 * TABLE ... SET PROPERTIES} also changes: {@code deletion_vectors_enabled}, {@code
 * change_data_feed_enabled}, {@code column_mapping_mode}, {@code checkpoint_interval}, {@code
 * append_only} (the names of Trino's Delta Lake connector) and {@code extra_properties}, a map of
 * any other table property by its Delta name.
 */
final class KeelTableProperties {
  static final String PARTITIONED_BY = "partitioned_by";
  static final String LOCATION = "location";
  static final String EXTRA_PROPERTIES = "extra_properties";

  /** Trino property name to Delta table property, for the typed ones. */
  private static final Map<String, String> DELTA_NAMES =
      Map.of(
          "deletion_vectors_enabled", "delta.enableDeletionVectors",
          "change_data_feed_enabled", "delta.enableChangeDataFeed",
          "column_mapping_mode", "delta.columnMapping.mode",
          "checkpoint_interval", "delta.checkpointInterval",
          "append_only", "delta.appendOnly");

  private KeelTableProperties() {}

  @SuppressWarnings("unchecked")
  static List<PropertyMetadata<?>> all() {
    return List.<PropertyMetadata<?>>of(
        new PropertyMetadata<>(
            PARTITIONED_BY,
            "Partition columns of a new table",
            new ArrayType(VARCHAR),
            List.class,
            List.of(),
            false,
            value ->
                ((List<?>) value)
                    .stream().map(v -> ((String) v).toLowerCase(Locale.ENGLISH)).toList(),
            value -> value),
        PropertyMetadata.stringProperty(
            LOCATION, "Where to create the table (a path or URI)", null, false),
        PropertyMetadata.booleanProperty(
            "deletion_vectors_enabled",
            "Whether DELETE, UPDATE and MERGE write deletion vectors (delta.enableDeletionVectors)",
            null,
            false),
        PropertyMetadata.booleanProperty(
            "change_data_feed_enabled",
            "Whether commits record the change data feed (delta.enableChangeDataFeed)",
            null,
            false),
        new PropertyMetadata<>(
            "column_mapping_mode",
            "Column mapping of a new table: none, name or id (delta.columnMapping.mode)",
            VARCHAR,
            String.class,
            null,
            false,
            value -> {
              String mode = ((String) value).toLowerCase(Locale.ENGLISH);
              if (!List.of("none", "name", "id").contains(mode)) {
                throw new TrinoException(
                    StandardErrorCode.INVALID_TABLE_PROPERTY,
                    "column_mapping_mode must be none, name or id, not " + value);
              }
              return mode;
            },
            value -> value),
        PropertyMetadata.integerProperty(
            "checkpoint_interval",
            "Commits between checkpoints (delta.checkpointInterval)",
            null,
            false),
        PropertyMetadata.booleanProperty(
            "append_only",
            "Whether the table refuses deletes and updates (delta.appendOnly)",
            null,
            false),
        new PropertyMetadata<Map<String, String>>(
            EXTRA_PROPERTIES,
            "Other Delta table properties by their Delta names, such as delta.logRetentionDuration",
            new MapType(VARCHAR, VARCHAR, new TypeOperators()),
            (Class<Map<String, String>>) (Class<?>) Map.class,
            null,
            false,
            value -> (Map<String, String>) value,
            value -> value));
  }

  /**
   * The Delta table properties among a table's Trino properties ({@code partitioned_by} and {@code
   * location} are not).
   *
   * @throws TrinoException {@code INVALID_TABLE_PROPERTY} if an extra property repeats a typed one
   */
  static Map<String, String> deltaProperties(Map<String, ?> properties) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach(
        (name, value) -> {
          Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
          if (v == null) {
            return;
          }
          String delta = DELTA_NAMES.get(name);
          if (delta != null) {
            out.put(delta, String.valueOf(v));
          }
        });
    Object extra = properties.get(EXTRA_PROPERTIES);
    extra = extra instanceof Optional<?> o ? o.orElse(null) : extra;
    if (extra instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (DELTA_NAMES.containsValue(key)) {
          throw new TrinoException(
              StandardErrorCode.INVALID_TABLE_PROPERTY,
              "Set " + key + " with its own table property, not in " + EXTRA_PROPERTIES);
        }
        out.put(key, String.valueOf(e.getValue()));
      }
    }
    return out;
  }

  /**
   * A table's typed Delta properties as Trino table properties, for SHOW CREATE TABLE (Trino cannot
   * render a map-valued property there; the {@code t$properties} table lists them all).
   */
  static Map<String, Object> fromDelta(Map<String, String> configuration) {
    Map<String, Object> out = new LinkedHashMap<>();
    DELTA_NAMES.forEach(
        (trino, delta) -> {
          String value = configuration.get(delta);
          if (value == null) {
            return;
          }
          switch (trino) {
            case "checkpoint_interval" -> out.put(trino, Integer.parseInt(value));
            case "column_mapping_mode" -> out.put(trino, value);
            default -> out.put(trino, Boolean.parseBoolean(value));
          }
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<String> partitionedBy(Map<String, Object> properties) {
    return (List<String>) properties.getOrDefault(PARTITIONED_BY, List.of());
  }

  static Optional<String> location(Map<String, Object> properties) {
    return Optional.ofNullable((String) properties.get(LOCATION));
  }
}
