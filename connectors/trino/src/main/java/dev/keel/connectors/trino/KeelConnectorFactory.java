package dev.keel.connectors.trino;

import io.trino.filesystem.local.LocalFileSystem;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import java.nio.file.Path;
import java.util.Map;

/** Makes {@code keel} catalogs ({@code connector.name=keel}); see {@link KeelConfig}. */
final class KeelConnectorFactory implements ConnectorFactory {
  @Override
  public String getName() {
    return "keel";
  }

  @Override
  public Connector create(
      String catalogName, Map<String, String> config, ConnectorContext context) {
    return new KeelConnector(
        KeelConfig.parse(config),
        new LocalFileSystem(Path.of("/")),
        new KeelTypes(context.getTypeManager().getTypeOperators()));
  }
}
