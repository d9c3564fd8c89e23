package dev.keel.kernel.internal.txn;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
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
 * A change to an existing table's metadata: set table properties (enabling a feature upgrades the
 * protocol, see {@link ProtocolUpgrade}) and add nullable columns (at the end of the table or of a
 * nested struct). Enabling column mapping {@code name} keeps every existing column's name as its
 * physical name, so the files already written read as before. Everything that would reinterpret
 * existing data is refused with an error that says why.
 */
final class TableChange {
  private TableChange() {}

  /**
   * @return the new metadata, or empty when the requested schema and properties change nothing
   */
  static Optional<Metadata> apply(
      String table,
      Metadata current,
      Optional<StructType> schema,
      List<String> partitionColumns,
      Map<String, String> properties) {
    if (!partitionColumns.isEmpty() && !partitionColumns.equals(current.getPartitionColumns())) {
      throw Errors.unsupportedTableProperty(
          "partitionColumns",
          String.join(",", partitionColumns),
          "the partition columns of an existing table cannot change (they are "
              + current.getPartitionColumns()
              + ")");
    }
    Map<String, String> config = new LinkedHashMap<>(current.getConfiguration());
    for (Map.Entry<String, String> e : properties.entrySet()) {
      checkProperty(current.getConfiguration(), e.getKey(), e.getValue());
      config.put(e.getKey(), e.getValue());
    }
    StructType newSchema = current.getSchema();
    int[] maxId = {
      Integer.parseInt(
          current
              .getConfiguration()
              .getOrDefault(TableProperties.COLUMN_MAPPING_MAX_COLUMN_ID, "0"))
    };
    boolean wasMapped = ColumnMapping.mode(current.getConfiguration()) != ColumnMapping.Mode.NONE;
    boolean mapped = ColumnMapping.mode(config) != ColumnMapping.Mode.NONE;
    if (mapped && !wasMapped) {
      newSchema = mapExisting(newSchema, maxId);
    }
    if (schema.isPresent()) {
      newSchema = merge("", newSchema, schema.get(), mapped, maxId);
    }
    if (mapped) {
      config.put(TableProperties.COLUMN_MAPPING_MAX_COLUMN_ID, Integer.toString(maxId[0]));
    }
    if (config.equals(current.getConfiguration()) && newSchema.equals(current.getSchema())) {
      return Optional.empty();
    }
    return Optional.of(
        Values.make()
            .metadata(
                current.getId(),
                current.getName(),
                current.getDescription(),
                current.getFormatProvider(),
                current.getFormatOptions(),
                newSchema.toJson(),
                current.getPartitionColumns(),
                config,
                current.getCreatedTime()));
  }

  private static void checkProperty(Map<String, String> current, String key, String value) {
    if (!key.startsWith("delta.")) {
      return;
    }
    TableProperties.validate(Map.of(key, value));
    if (!NewTable.SUPPORTED_DELTA_PROPERTIES.contains(key)
        || key.equals(TableProperties.COLUMN_MAPPING_MAX_COLUMN_ID)) {
      throw Errors.unsupportedTableProperty(
          key,
          value,
          "Keel 0.1 cannot set it on an existing table. Supported: "
              + new java.util.TreeSet<>(NewTable.SUPPORTED_DELTA_PROPERTIES));
    }
    String before = current.get(key);
    switch (key) {
      case TableProperties.COLUMN_MAPPING_MODE:
        ColumnMapping.Mode from = ColumnMapping.mode(current);
        ColumnMapping.Mode to = ColumnMapping.mode(Map.of(key, value));
        if (from != to && !(from == ColumnMapping.Mode.NONE && to == ColumnMapping.Mode.NAME)) {
          throw Errors.unsupportedTableProperty(
              key,
              value,
              "an existing table's column mapping can only go from none to name"
                  + " (it is "
                  + from.name().toLowerCase(java.util.Locale.ROOT)
                  + "); create a new table for another mode");
        }
        break;
      case TableProperties.ENABLE_ROW_TRACKING:
        if ("true".equalsIgnoreCase(value) && !"true".equalsIgnoreCase(before)) {
          throw Errors.unsupportedTableProperty(
              key,
              value,
              "enabling row tracking on an existing table needs every live file"
                  + " committed again with row ids, which Keel 0.1 does not do; create the table with it");
        }
        break;
      case TableProperties.CHECKPOINT_POLICY:
        if (!value.equals("classic") && !value.equals("v2")) {
          throw Errors.unsupportedTableProperty(key, value, "it must be classic or v2");
        }
        if (value.equals("classic") && "v2".equals(before)) {
          throw Errors.unsupportedTableProperty(
              key,
              value,
              "going back from V2 checkpoints needs the v2Checkpoint feature"
                  + " dropped, which Keel 0.1 does not do");
        }
        break;
      default:
        break;
    }
  }

  /** Gives every field (nested too) a column id and its own name as physical name. */
  private static StructType mapExisting(StructType s, int[] maxId) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : s.getFields()) {
      dev.keel.kernel.types.FieldMetadata md =
          f.getMetadata().toBuilder()
              .put(ColumnMapping.ID_KEY, (long) ++maxId[0])
              .put(ColumnMapping.PHYSICAL_NAME_KEY, f.getName())
              .build();
      out.add(
          new StructField(
              f.getName(), mapExistingType(f.getDataType(), maxId), f.isNullable(), md));
    }
    return new StructType(out);
  }

  private static DataType mapExistingType(DataType t, int[] maxId) {
    if (t instanceof StructType) {
      return mapExisting((StructType) t, maxId);
    }
    if (t instanceof dev.keel.kernel.types.ArrayType) {
      dev.keel.kernel.types.ArrayType a = (dev.keel.kernel.types.ArrayType) t;
      return new dev.keel.kernel.types.ArrayType(
          mapExistingType(a.getElementType(), maxId), a.containsNull());
    }
    if (t instanceof dev.keel.kernel.types.MapType) {
      dev.keel.kernel.types.MapType m = (dev.keel.kernel.types.MapType) t;
      return new dev.keel.kernel.types.MapType(
          mapExistingType(m.getKeyType(), maxId),
          mapExistingType(m.getValueType(), maxId),
          m.isValueContainsNull());
    }
    return t;
  }

  /**
   * Merges a requested schema into the current one: every current field must be there, in the same
   * order, with the same type and nullability; any further fields must be nullable and are added
   * (with column mapping ids and physical names when the table maps columns).
   */
  private static StructType merge(
      String prefix, StructType current, StructType requested, boolean mapped, int[] maxId) {
    List<StructField> out = new ArrayList<>();
    for (int i = 0; i < current.length(); i++) {
      StructField old = current.at(i);
      String path = prefix + old.getName();
      if (i >= requested.length() || !requested.at(i).getName().equals(old.getName())) {
        throw Errors.incompatibleSchemaChange(
            path,
            "existing columns cannot be dropped, renamed or reordered;"
                + " give the current schema with new nullable columns added at the end");
      }
      StructField req = requested.at(i);
      if (req.isNullable() != old.isNullable()) {
        throw Errors.incompatibleSchemaChange(
            path,
            "its nullability cannot change (it is "
                + (old.isNullable() ? "nullable" : "NOT NULL")
                + ")");
      }
      DataType type;
      if (old.getDataType() instanceof StructType && req.getDataType() instanceof StructType) {
        type =
            merge(
                path + ".",
                (StructType) old.getDataType(),
                (StructType) req.getDataType(),
                mapped,
                maxId);
      } else if (old.getDataType().equivalent(req.getDataType())) {
        type = old.getDataType();
      } else {
        throw Errors.incompatibleSchemaChange(
            path, "its type cannot change from " + old.getDataType() + " to " + req.getDataType());
      }
      out.add(new StructField(old.getName(), type, old.isNullable(), old.getMetadata()));
    }
    for (int i = current.length(); i < requested.length(); i++) {
      StructField added = requested.at(i);
      String path = prefix + added.getName();
      if (current.indexOfIgnoreCase(added.getName()) >= 0
          || new StructType(out).indexOfIgnoreCase(added.getName()) >= 0) {
        throw Errors.incompatibleSchemaChange(
            path, "a column with that name (ignoring case) already exists");
      }
      if (!added.isNullable()) {
        throw Errors.incompatibleSchemaChange(
            path,
            "a new column must be nullable, because the rows already in the table have no"
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
