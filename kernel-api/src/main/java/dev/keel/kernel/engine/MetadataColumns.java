package dev.keel.kernel.engine;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.StructField;
import java.util.Optional;

/**
 * Fields filled from positions and log metadata rather than file content, recognised by the
 * metadata key {@link #METADATA_COLUMN_KEY}, not by name. {@link #ROW_INDEX} can be put in a
 * physical schema passed to {@link ParquetHandler#readParquetFiles}; all three can be put in a
 * scan's read schema ({@code ScanBuilder.withReadSchema}) to receive them with the rows.
 */
@Evolving
public final class MetadataColumns {
  private MetadataColumns() {}

  /** The field metadata key that marks a metadata column; its value names the column. */
  public static final String METADATA_COLUMN_KEY = "keel.metadataColumn";

  /** The row's 0-based position in its data file, a non-null long. */
  public static final StructField ROW_INDEX =
      new StructField(
          "_metadata.row_index",
          DataTypes.LONG,
          false,
          FieldMetadata.builder().put(METADATA_COLUMN_KEY, "row_index").build());

  /**
   * A row tracking table's stable row id (PROTOCOL.md, "Row Tracking"): the materialized row id
   * where a file has one, else the file's {@code baseRowId} plus the row index. Null for files
   * without a base row id.
   */
  public static final StructField ROW_ID =
      new StructField(
          "_metadata.row_id",
          DataTypes.LONG,
          true,
          FieldMetadata.builder().put(METADATA_COLUMN_KEY, "row_id").build());

  /**
   * A row tracking table's row commit version: the materialized value where a file has one, else
   * the file's {@code defaultRowCommitVersion}.
   */
  public static final StructField ROW_COMMIT_VERSION =
      new StructField(
          "_metadata.row_commit_version",
          DataTypes.LONG,
          true,
          FieldMetadata.builder().put(METADATA_COLUMN_KEY, "row_commit_version").build());

  /** The metadata columns a read schema may ask for. */
  public enum Role {
    /** {@link #ROW_INDEX}. */
    ROW_INDEX("row_index"),
    /** {@link #ROW_ID}. */
    ROW_ID("row_id"),
    /** {@link #ROW_COMMIT_VERSION}. */
    ROW_COMMIT_VERSION("row_commit_version");

    private final String key;

    Role(String key) {
      this.key = key;
    }

    /**
     * @return the value of {@link #METADATA_COLUMN_KEY} that marks this column
     */
    public String getKey() {
      return key;
    }
  }

  /**
   * @param field a field
   * @return whether {@code field} is the row-index metadata column
   */
  public static boolean isRowIndex(StructField field) {
    return role(field).equals(Optional.of(Role.ROW_INDEX));
  }

  /**
   * @param field a field
   * @return the metadata column it stands for; empty for an ordinary field (and for a field marked
   *     with a value this version of Keel does not know)
   */
  public static Optional<Role> role(StructField field) {
    Optional<String> key = field.getMetadata().getString(METADATA_COLUMN_KEY);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    for (Role r : Role.values()) {
      if (r.key.equals(key.get())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
