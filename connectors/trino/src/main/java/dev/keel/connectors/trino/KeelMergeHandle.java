package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.ConnectorTableHandle;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A {@code DELETE}, {@code UPDATE} or {@code MERGE} in progress: the table read, and the write
 * whose Keel transaction deletes the rows (by file and row index) and adds the new ones.
 *
 * @param table the table handle the rows were read with
 * @param write the write: transaction state, columns of inserted rows, id of the pending
 *     transaction
 */
public record KeelMergeHandle(KeelTableHandle table, KeelWriteHandle write)
    implements ConnectorMergeTableHandle {
  @Override
  public ConnectorTableHandle getTableHandle() {
    return table;
  }
}
