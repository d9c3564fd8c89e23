package dev.keel.kernel.internal.scan;

import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.Map;
import java.util.Set;

/**
 * Row tracking (PROTOCOL.md, "Row Tracking"): the physical columns the row id and row commit
 * version metadata columns need, and computing them per batch.
 */
final class RowTracking {
  private RowTracking() {}

  static final String MATERIALIZED_ROW_ID = "materialized_row_id";
  static final String MATERIALIZED_ROW_COMMIT_VERSION = "materialized_row_commit_version";

  /** Adds the materialized columns and the row index that the requested metadata columns need. */
  static StructType withPhysicalColumns(
      StructType physical, Set<String> roles, Map<String, String> properties) {
    StructType out = physical;
    if (roles.contains("row_id")) {
      String name = properties.get(TableProperties.MATERIALIZED_ROW_ID_COLUMN_NAME);
      if (name != null) {
        out = out.add(materialized(name, MATERIALIZED_ROW_ID));
      }
    }
    if (roles.contains("row_commit_version")) {
      String name = properties.get(TableProperties.MATERIALIZED_ROW_COMMIT_VERSION_COLUMN_NAME);
      if (name != null) {
        out = out.add(materialized(name, MATERIALIZED_ROW_COMMIT_VERSION));
      }
    }
    if (roles.contains("row_id") || roles.contains("row_index")) {
      out = out.add(MetadataColumns.ROW_INDEX);
    }
    return out;
  }

  private static StructField materialized(String name, String role) {
    return new StructField(
        name,
        DataTypes.LONG,
        true,
        FieldMetadata.builder().put(MetadataColumns.METADATA_COLUMN_KEY, role).build());
  }

  /**
   * The value of a field's {@link MetadataColumns#METADATA_COLUMN_KEY}: a public role's key, or one
   * of the kernel's own (the materialized row tracking columns); null for an ordinary field.
   */
  static String roleKey(StructField field) {
    return field.getMetadata().getString(MetadataColumns.METADATA_COLUMN_KEY).orElse(null);
  }

  /** Ordinal of the physical field with a role, or -1. */
  static int ordinal(StructType physical, String role) {
    for (int i = 0; i < physical.length(); i++) {
      if (role.equals(roleKey(physical.at(i)))) {
        return i;
      }
    }
    return -1;
  }

  static ColumnVector rowIds(
      ColumnVector materialized, ColumnVector rowIndex, Row scanFile, int n) {
    Long base =
        scanFile.isNullAt(dev.keel.kernel.ScanFile.BASE_ROW_ID)
            ? null
            : scanFile.getLong(dev.keel.kernel.ScanFile.BASE_ROW_ID);
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      if (materialized != null && !materialized.isNullAt(i)) {
        values[i] = materialized.getLong(i);
      } else if (base != null) {
        values[i] = base + rowIndex.getLong(i);
      }
    }
    return new ObjectVector(DataTypes.LONG, values);
  }

  static ColumnVector rowCommitVersions(ColumnVector materialized, Row scanFile, int n) {
    int ordinal = dev.keel.kernel.ScanFile.DEFAULT_ROW_COMMIT_VERSION;
    Long dflt = scanFile.isNullAt(ordinal) ? null : scanFile.getLong(ordinal);
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] =
          materialized != null && !materialized.isNullAt(i)
              ? (Object) materialized.getLong(i)
              : dflt;
    }
    return new ObjectVector(DataTypes.LONG, values);
  }
}
