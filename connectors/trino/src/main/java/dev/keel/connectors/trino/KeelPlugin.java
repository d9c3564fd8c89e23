package dev.keel.connectors.trino;

import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import java.util.List;

/**
 * Trino's entry point to Keel: the {@code keel} connector, which reads Delta tables with Keel's
 * planning on the coordinator and Keel's readers on the workers.
 */
public final class KeelPlugin implements Plugin {
  /** Made by Trino's plugin loader. */
  public KeelPlugin() {}

  @Override
  public Iterable<ConnectorFactory> getConnectorFactories() {
    return List.of(new KeelConnectorFactory());
  }
}
