package dev.keel.connectors.trino;

import dev.keel.kernel.engine.Engine;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableCredentials;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Opens a {@link KeelPageSource} per split, on the worker's engine. */
final class KeelPageSourceProvider implements ConnectorPageSourceProvider {
  private final Engine engine;

  KeelPageSourceProvider(Engine engine) {
    this.engine = engine;
  }

  @Override
  public ConnectorPageSource createPageSource(
      ConnectorTransactionHandle transaction,
      ConnectorSession session,
      ConnectorSplit split,
      ConnectorTableHandle table,
      Optional<ConnectorTableCredentials> tableCredentials,
      List<ColumnHandle> columns,
      DynamicFilter dynamicFilter) {
    List<KeelColumnHandle> read = new ArrayList<>();
    for (ColumnHandle c : columns) {
      read.add((KeelColumnHandle) c);
    }
    return new KeelPageSource(engine, (KeelSplit) split, read);
  }
}
