package dev.keel.connectors.trino;

import dev.keel.kernel.engine.Engine;
import io.trino.spi.connector.ConnectorInsertTableHandle;
import io.trino.spi.connector.ConnectorMergeSink;
import io.trino.spi.connector.ConnectorMergeTableHandle;
import io.trino.spi.connector.ConnectorOutputTableHandle;
import io.trino.spi.connector.ConnectorPageSink;
import io.trino.spi.connector.ConnectorPageSinkId;
import io.trino.spi.connector.ConnectorPageSinkProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTransactionHandle;
import java.util.Optional;

/** Opens a {@link KeelPageSink} per writer task, on the worker's engine. */
final class KeelPageSinkProvider implements ConnectorPageSinkProvider {
  private final Engine engine;

  KeelPageSinkProvider(Engine engine) {
    this.engine = engine;
  }

  @Override
  public ConnectorPageSink createPageSink(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      ConnectorOutputTableHandle handle,
      Optional<ConnectorTableCredentials> tableCredentials,
      ConnectorPageSinkId pageSinkId) {
    return new KeelPageSink(engine, (KeelWriteHandle) handle);
  }

  @Override
  public ConnectorPageSink createPageSink(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      ConnectorInsertTableHandle handle,
      Optional<ConnectorTableCredentials> tableCredentials,
      ConnectorPageSinkId pageSinkId) {
    return new KeelPageSink(engine, (KeelWriteHandle) handle);
  }

  @Override
  public ConnectorMergeSink createMergeSink(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      ConnectorMergeTableHandle handle,
      Optional<ConnectorTableCredentials> tableCredentials,
      ConnectorPageSinkId pageSinkId) {
    return new KeelMergeSink(engine, (KeelMergeHandle) handle);
  }
}
