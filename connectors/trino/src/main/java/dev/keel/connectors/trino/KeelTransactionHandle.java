package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

/** Keel's transactions are per commit: Trino's transaction handle carries nothing. */
public enum KeelTransactionHandle implements ConnectorTransactionHandle {
  INSTANCE
}
