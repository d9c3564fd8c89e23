package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.scan.ColumnMapping;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change to an existing table's metadata: set table properties and add nullable columns (at the
 * end of the table or of a nested struct). Everything that would need a protocol upgrade or would
 * reinterpret existing data is refused with an error that says why.
 */
final class TableChange {
  private TableChange() {}

  /**
   * @return the new metadata, or empty when the requested schema and properties change nothing
   */
  static Optional<Metadata> apply(String table, Protocol protocol, Metadata current, Optional<StructType> schema,
      List<String> partitionColumns, Map<String, String> properties) {
    if (!partitionColumns.isEmpty() && !partitionColumns.equals(current.getPartitionColumns())) {
      throw Errors.unsupportedTableProperty("partitionColumns", String.join(",", partitionColumns),
          "the partition columns of an existing table cannot change (they are " + current.getPartitionColumns() + ")");
    }
    Map<String, String> config = new LinkedHashMap<>(current.getConfiguration());
    for (Map.Entry<String, String> e : properties.entrySet()) {
      checkProperty(protocol, current.getConfiguration(), e.getKey(), e.getValue());
      config.put(e.getKey(), e.getValue());
    }
    StructType newSchema = current.getSchema();
    if (schema.isPresent()) {
      boolean mapped = ColumnMapping.mode(current.getConfiguration()) != ColumnMapping.Mode.NONE;
      int[] maxId = {Integer.parseInt(current.getConfiguration().getOrDefault("delta.columnMapping.maxColumnId", "0"))};
      newSchema = merge("", current.getSchema(), schema.get(), mapped, maxId);
      if (mapped) {
        config.put("delta.columnMapping.maxColumnId", Integer.toString(maxId[0]));
      }
    }
    if (config.equals(current.getConfiguration()) && newSchema.equals(current.getSchema())) {
      return Optional.empty();
    }
    return Optional.of(new Metadata(current.getId(), current.getName(), current.getDescription(), current.getFormatProvider(),
        current.getFormatOptions(), newSchema.toJson(), current.getPartitionColumns(), config, current.getCreatedTime()));
  }

  private static void checkProperty(Protocol protocol, Map<String, String> current, String key, String value) {
    if (!key.startsWith("delta.")) {
      return;
    }
    if (!NewTable.SUPPORTED_DELTA_PROPERTIES.contains(key) || key.equals("delta.columnMapping.maxColumnId")) {
      throw Errors.unsupportedTableProperty(key, value, "Keel 0.1 cannot set it on an existing table. Supported: "
          + new java.util.TreeSet<>(NewTable.SUPPORTED_DELTA_PROPERTIES));
    }
    String before = current.get(key);
    switch (key) {
      case "delta.columnMapping.mode":
        if (!ColumnMapping.mode(Map.of(key, value)).equals(ColumnMapping.mode(current))) {
          throw Errors.unsupportedTableProperty(key, value,
              "changing the column mapping mode of an existing table needs a protocol upgrade and a rewrite Keel 0.1 does not do;"
                  + " use Spark's ALTER TABLE, or create a new table");
        }
        break;
      case "delta.enableInCommitTimestamps":
        if ("true".equalsIgnoreCase(value) && !"true".equalsIgnoreCase(before)) {
          throw Errors.unsupportedTableProperty(key, value,
              "enabling in-commit timestamps on an existing table needs a protocol upgrade Keel 0.1 does not do;"
                  + " create the table with it, or enable it with Spark");
        }
        break;
      case "delta.enableChangeDataFeed":
        if ("true".equalsIgnoreCase(value) && !supports(protocol, 4, "changeDataFeed")) {
          throw Errors.unsupportedTableProperty(key, value, "the table's protocol (writer version " + protocol.getMinWriterVersion()
              + ") does not allow the change data feed and Keel 0.1 does not upgrade protocols; enable it with Spark");
        }
        break;
      case "delta.enableDeletionVectors":
        if ("true".equalsIgnoreCase(value) && !protocol.getWriterFeatures().contains("deletionVectors")) {
          throw Errors.unsupportedTableProperty(key, value, "the table's protocol does not have the deletionVectors feature and"
              + " Keel 0.1 does not upgrade protocols; create the table with it, or enable it with Spark");
        }
        break;
      case "delta.appendOnly":
        if ("true".equalsIgnoreCase(value) && !supports(protocol, 2, "appendOnly")) {
          throw Errors.unsupportedTableProperty(key, value, "the table's protocol (writer version " + protocol.getMinWriterVersion()
              + ") does not allow appendOnly and Keel 0.1 does not upgrade protocols");
        }
        break;
      default:
        break;
    }
  }

  private static boolean supports(Protocol protocol, int legacyWriterVersion, String feature) {
    return protocol.supportsWriterFeatures() ? protocol.getWriterFeatures().contains(feature)
        : protocol.getMinWriterVersion() >= legacyWriterVersion;
  }

  /**
   * Merges a requested schema into the current one: every current field must be there, in the same
   * order, with the same type and nullability; any further fields must be nullable and are added
   * (with column mapping ids and physical names when the table maps columns).
   */
  private static StructType merge(String prefix, StructType current, StructType requested, boolean mapped, int[] maxId) {
    List<StructField> out = new ArrayList<>();
    for (int i = 0; i < current.length(); i++) {
      StructField old = current.at(i);
      String path = prefix + old.getName();
      if (i >= requested.length() || !requested.at(i).getName().equals(old.getName())) {
        throw Errors.incompatibleSchemaChange(path, "existing columns cannot be dropped, renamed or reordered;"
            + " give the current schema with new nullable columns added at the end");
      }
      StructField req = requested.at(i);
      if (req.isNullable() != old.isNullable()) {
        throw Errors.incompatibleSchemaChange(path, "its nullability cannot change (it is "
            + (old.isNullable() ? "nullable" : "NOT NULL") + ")");
      }
      DataType type;
      if (old.getDataType() instanceof StructType && req.getDataType() instanceof StructType) {
        type = merge(path + ".", (StructType) old.getDataType(), (StructType) req.getDataType(), mapped, maxId);
      } else if (old.getDataType().equivalent(req.getDataType())) {
        type = old.getDataType();
      } else {
        throw Errors.incompatibleSchemaChange(path, "its type cannot change from " + old.getDataType() + " to " + req.getDataType());
      }
      out.add(new StructField(old.getName(), type, old.isNullable(), old.getMetadata()));
    }
    for (int i = current.length(); i < requested.length(); i++) {
      StructField added = requested.at(i);
      String path = prefix + added.getName();
      if (current.indexOfIgnoreCase(added.getName()) >= 0 || new StructType(out).indexOfIgnoreCase(added.getName()) >= 0) {
        throw Errors.incompatibleSchemaChange(path, "a column with that name (ignoring case) already exists");
      }
      if (!added.isNullable()) {
        throw Errors.incompatibleSchemaChange(path, "a new column must be nullable, because the rows already in the table have no"
            + " value for it");
      }
      out.add(mapped ? withColumnMapping(added, maxId) : added);
    }
    return new StructType(out);
  }

  private static StructField withColumnMapping(StructField f, int[] maxId) {
    return NewTable.assignColumnMapping(new StructType(List.of(f)), maxId).at(0);
  }
}
