package dev.keel.connectors.trino;

import io.trino.filesystem.TrinoFileSystem;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSinkProvider;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.FunctionProvider;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.TableFunctionProcessorProvider;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A {@code keel} catalog: one Keel engine whose file access is the catalog's {@link
 * TrinoFileSystem}, the snapshots its queries share, and the metadata, split manager and page
 * sources on them. Shutting it down closes the engine.
 */
final class KeelConnector implements Connector {
  private final Runnable onShutdown;
  private final TableLocations locations;
  private final TrinoEngine engine;
  private final TableSnapshots snapshots;
  private final KeelTypes types;
  private final KeelSplitManager splitManager;
  private final KeelPageSourceProvider pageSources;
  private final KeelPageSinkProvider pageSinks;
  private final KeelWrites writes;
  private final TableChanges tableChanges;

  KeelConnector(KeelConfig config, TrinoFileSystem fs, KeelTypes types) {
    this(config, fs, types, () -> {});
  }

  /**
   * @param onShutdown run when the catalog shuts down, after the engine closed (the file systems'
   *     life cycle)
   */
  KeelConnector(KeelConfig config, TrinoFileSystem fs, KeelTypes types, Runnable onShutdown) {
    this.onShutdown = onShutdown;
    this.types = types;
    this.engine = new TrinoEngine(fs);
    this.snapshots = new TableSnapshots(engine, config.snapshotCacheEntries());
    this.writes = new KeelWrites(engine);
    this.locations = new TableLocations(config, fs);
    this.tableChanges =
        new TableChanges(engine, types, name -> Optional.ofNullable(locations.location(name)));
    this.splitManager =
        new KeelSplitManager(engine, snapshots, tableChanges, config.maxSplitSize());
    this.pageSources = new KeelPageSourceProvider(engine);
    this.pageSinks = new KeelPageSinkProvider(engine);
  }

  private KeelMetadata metadata(KeelTransactionHandle transaction) {
    return new KeelMetadata(locations, snapshots, types, engine, writes, transaction);
  }

  @Override
  public ConnectorTransactionHandle beginTransaction(
      IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit) {
    return new KeelTransactionHandle(UUID.randomUUID());
  }

  @Override
  public void commit(ConnectorTransactionHandle transaction) {
    writes.end((KeelTransactionHandle) transaction);
  }

  @Override
  public void rollback(ConnectorTransactionHandle transaction) {
    writes.end((KeelTransactionHandle) transaction);
  }

  @Override
  public ConnectorMetadata getMetadata(
      ConnectorSession session, ConnectorTransactionHandle transaction) {
    return metadata((KeelTransactionHandle) transaction);
  }

  @Override
  public ConnectorSplitManager getSplitManager() {
    return splitManager;
  }

  @Override
  public ConnectorPageSourceProvider getPageSourceProvider() {
    return pageSources;
  }

  @Override
  public ConnectorPageSinkProvider getPageSinkProvider() {
    return pageSinks;
  }

  @Override
  public List<PropertyMetadata<?>> getTableProperties() {
    return KeelTableProperties.all();
  }

  @Override
  public Set<ConnectorTableFunction> getTableFunctions() {
    return Set.of(tableChanges);
  }

  @Override
  public Optional<FunctionProvider> getFunctionProvider() {
    return Optional.of(
        new FunctionProvider() {
          @Override
          public TableFunctionProcessorProvider getTableFunctionProcessorProvider(
              ConnectorTableFunctionHandle handle) {
            return tableChanges.processors();
          }
        });
  }

  @Override
  public void shutdown() {
    try {
      engine.close();
    } finally {
      onShutdown.run();
    }
  }
}
