package dev.keel.connectors.trino;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.Type;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A column of a Keel table.
 *
 * @param name the column's logical name as the table's schema has it (Trino lower-cases names it
 *     shows; Keel reads by this one)
 * @param type its Trino type
 */
public record KeelColumnHandle(String name, Type type) implements ColumnHandle {
  /** The name of the hidden column that identifies a row for DELETE, UPDATE and MERGE. */
  static final String ROW_ID = "$keel_row_id";

  /** The row id: the data file's path (as the log has it) and the row's physical index in it. */
  static KeelColumnHandle rowId() {
    return new KeelColumnHandle(
        ROW_ID,
        io.trino.spi.type.RowType.from(
            java.util.List.of(
                io.trino.spi.type.RowType.field("file", io.trino.spi.type.VarcharType.VARCHAR),
                io.trino.spi.type.RowType.field("row", io.trino.spi.type.BigintType.BIGINT))));
  }

  boolean isRowId() {
    return ROW_ID.equals(name);
  }
}
