package dev.keel.connectors.trino;

import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorOutputTableHandle;
import java.util.List;

/**
 * Public only for Trino's JSON serialization between coordinator and workers; not an API.
 *
 * <p>A write in progress ({@code INSERT} or {@code CREATE TABLE AS}): the Keel transaction's state
 * for the workers that write data files, and the id under which the coordinator keeps the
 * transaction until it commits the files the workers wrote.
 *
 * @param location the table's path
 * @param transactionState {@code TransactionState.toJson()} of the write
 * @param columns the columns of the pages the workers receive, in their order
 * @param writeId the coordinator's id of the pending Keel transaction
 */
public record KeelWriteHandle(
    String location, String transactionState, List<KeelColumnHandle> columns, String writeId)
    implements ConnectorInsertTableHandle, ConnectorOutputTableHandle {}
