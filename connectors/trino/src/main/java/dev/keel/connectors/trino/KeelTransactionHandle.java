package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;
import java.util.UUID;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A Trino transaction of a {@code keel} catalog. Keel's own transactions are per commit; this
 * names the writes a Trino transaction started, so that a rollback can drop them.
 *
 * @param id the transaction's id
 */
public record KeelTransactionHandle(UUID id) implements ConnectorTransactionHandle {}
