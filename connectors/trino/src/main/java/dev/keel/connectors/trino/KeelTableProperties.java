package dev.keel.connectors.trino;

import static io.trino.spi.type.VarcharType.VARCHAR;

import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.type.ArrayType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code WITH (...)} properties of a {@code keel} table: {@code partitioned_by} (column names)
 * and {@code location} (where to create it; by default the schema's directory under {@code
 * keel.root}).
 */
final class KeelTableProperties {
  static final String PARTITIONED_BY = "partitioned_by";
  static final String LOCATION = "location";

  private KeelTableProperties() {}

  static List<PropertyMetadata<?>> all() {
    return List.of(
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
            LOCATION, "Where to create the table (a path or URI)", null, false));
  }

  @SuppressWarnings("unchecked")
  static List<String> partitionedBy(Map<String, Object> properties) {
    return (List<String>) properties.getOrDefault(PARTITIONED_BY, List.of());
  }

  static Optional<String> location(Map<String, Object> properties) {
    return Optional.ofNullable((String) properties.get(LOCATION));
  }
}
