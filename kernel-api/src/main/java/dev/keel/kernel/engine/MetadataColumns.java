package dev.keel.kernel.engine;

import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.StructField;

/**
 * Fields that a reader fills from file positions rather than file content. Put one in a
 * physical schema passed to {@link ParquetHandler#readParquetFiles} to receive it. They are
 * recognised by the metadata key {@link #METADATA_COLUMN_KEY}, not by name.
 */
public final class MetadataColumns {
  private MetadataColumns() {}

  /** The field metadata key that marks a metadata column; its value names the column. */
  public static final String METADATA_COLUMN_KEY = "keel.metadataColumn";

  /** The row's 0-based position in its data file, a non-null long. */
  public static final StructField ROW_INDEX = new StructField(
      "_metadata.row_index", DataTypes.LONG, false,
      FieldMetadata.builder().put(METADATA_COLUMN_KEY, "row_index").build());

  /**
   * @param field a field
   * @return whether {@code field} is the row-index metadata column
   */
  public static boolean isRowIndex(StructField field) {
    return field.getMetadata().getString(METADATA_COLUMN_KEY).map("row_index"::equals).orElse(false);
  }
}
