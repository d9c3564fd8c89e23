package dev.keel.connectors.trino;

import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.airlift.bootstrap.LifeCycleManager;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.manager.FileSystemModule;
import io.trino.plugin.base.ConnectorContextModule;
import io.trino.plugin.base.jmx.MBeanServerModule;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.security.ConnectorIdentity;
import java.util.HashMap;
import java.util.Map;
import org.weakref.jmx.guice.MBeanModule;

/**
 * Makes {@code keel} catalogs ({@code connector.name=keel}). The {@code keel.*} properties are
 * Keel's ({@link KeelConfig}); the others configure Trino's file systems, as for Trino's own
 * connectors ({@code fs.s3.enabled}, {@code s3.endpoint}, {@code fs.gcs.enabled}, ...). Local paths
 * are served by Trino's local file system rooted at {@code /} unless the catalog says otherwise.
 */
final class KeelConnectorFactory implements ConnectorFactory {
  @Override
  public String getName() {
    return "keel";
  }

  @Override
  public Connector create(
      String catalogName, Map<String, String> config, ConnectorContext context) {
    Map<String, String> keel = new HashMap<>();
    Map<String, String> fileSystems = new HashMap<>();
    config.forEach((k, v) -> (k.startsWith("keel.") ? keel : fileSystems).put(k, v));
    KeelConfig keelConfig = KeelConfig.parse(keel);
    ClassLoader classLoader = KeelConnectorFactory.class.getClassLoader();
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      Map<String, String> defaults = new HashMap<>();
      if (!fileSystems.containsKey("fs.local.enabled")) {
        defaults.put("fs.local.enabled", "true");
        defaults.put("local.location", "/");
      }
      Injector injector =
          new Bootstrap(
                  "io.trino.bootstrap.catalog." + catalogName,
                  new MBeanModule(),
                  new MBeanServerModule(),
                  new FileSystemModule(catalogName, context, false),
                  new ConnectorContextModule(catalogName, context))
              .doNotInitializeLogging()
              .disableSystemProperties()
              .setOptionalConfigurationProperties(defaults)
              .setRequiredConfigurationProperties(fileSystems)
              .initialize();
      TrinoFileSystemFactory factory = injector.getInstance(TrinoFileSystemFactory.class);
      return new KeelConnector(
          keelConfig,
          factory.create(ConnectorIdentity.ofUser("keel")),
          new KeelTypes(context.getTypeManager().getTypeOperators()),
          injector.getInstance(LifeCycleManager.class)::stop);
    }
  }
}
