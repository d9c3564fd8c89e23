package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Key;
import dev.keel.kernel.testing.SharedData;
import io.trino.metadata.HandleResolver;
import io.trino.server.PluginClassLoader;
import io.trino.server.PluginManager;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.spi.Plugin;
import io.trino.testing.DistributedQueryRunner;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin directory the build assembles ({@code target/keel-trino-*-plugin/keel}), loaded as a
 * Trino server loads {@code plugin/keel} (the steps of Trino's {@code PluginManager}): its jars in
 * Trino's own plugin class loader, which shares only Trino's SPI with the server, the plugin found
 * through {@link ServiceLoader}, and the class loader registered for the plugin's handles. Runs
 * after {@code package} (Failsafe), so that it tests what users install.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginDirectoryIT {
  /** A partitioned table with deletion vectors and a checkpoint, which Spark wrote. */
  private static final Path CASE =
      SharedData.casesDir().resolve("golden/dv-partitioned-with-checkpoint");

  @TempDir static Path dir;
  private ClassLoader loader;
  private DistributedQueryRunner trino;

  @BeforeAll
  void start() throws Exception {
    Path plugin;
    try (Stream<Path> dirs = Files.list(Path.of("target"))) {
      plugin =
          dirs.filter(p -> p.getFileName().toString().matches("keel-trino-.*-plugin"))
              .map(p -> p.resolve("keel"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no plugin directory under target/"));
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(plugin)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    loader = PluginManager.createClassLoader("keel", jars);
    List<Plugin> plugins = new ArrayList<>();
    ServiceLoader.load(Plugin.class, loader).forEach(plugins::add);
    assertThat(plugins).hasSize(1);
    assertThat(plugins.get(0).getClass().getClassLoader()).isSameAs(loader);
    trino =
        KeelQueryRunner.create(plugins.get(0), Map.of("keel.table.copy.dv", dvTable().toString()));
    // what PluginManager.loadPlugin does besides installing: handles of the plugin's classes
    // (splits, table handles) travel between coordinator and workers by the class loader's id
    for (TestingTrinoServer server : trino.getServers()) {
      server
          .getInstance(Key.get(HandleResolver.class))
          .registerClassLoader((PluginClassLoader) loader);
    }
  }

  /** A copy of a shared table with deletion vectors, written to by the test. */
  private Path dvTable() throws IOException {
    Path source = CASE.resolve("table");
    Path target = dir.resolve("dv");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  @AfterAll
  void stop() {
    if (trino != null) {
      trino.close();
    }
  }

  @Test
  void thePluginsClassesAreItsOwnAndNeedNeitherArrowNorHadoop() throws Exception {
    Class<?> connector = loader.loadClass("dev.keel.connectors.trino.KeelConnector");
    assertThat(connector.getClassLoader()).isSameAs(loader);
    assertThat(loader.loadClass("io.trino.spi.Plugin")).isSameAs(Plugin.class);
    for (String absent :
        List.of(
            "org.apache.arrow.vector.ValueVector",
            "org.apache.hadoop.conf.Configuration",
            "dev.keel.kernel.defaults.engine.DefaultEngine")) {
      assertThatThrownBy(() -> loader.loadClass(absent))
          .as(absent)
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void readsAndWritesThroughTheInstalledPlugin() throws IOException {
    long before;
    try (Stream<String> lines = Files.lines(CASE.resolve("expected/rows.jsonl"))) {
      before = lines.filter(l -> !l.isBlank()).count(); // Spark's rows
    }
    assertThat(KeelQueryRunner.column(trino, "SELECT count(*) FROM keel.copy.dv"))
        .containsExactly(before);
    trino.execute("INSERT INTO keel.copy.dv SELECT * FROM keel.copy.dv LIMIT 1");
    assertThat(KeelQueryRunner.column(trino, "SELECT count(*) FROM keel.copy.dv"))
        .containsExactly(before + 1);
  }
}
