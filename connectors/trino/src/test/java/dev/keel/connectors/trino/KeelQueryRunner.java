package dev.keel.connectors.trino;

import static io.trino.testing.TestingSession.testSessionBuilder;

import io.trino.Session;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.spi.Plugin;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Trino in the test JVM: a coordinator and two workers, with a {@code keel} catalog and
 * Trino's {@code tpch} catalog to copy data from.
 */
final class KeelQueryRunner {
  private KeelQueryRunner() {}

  /**
   * @param catalog the {@code keel} catalog's properties
   * @return the started runner; the caller closes it
   */
  static DistributedQueryRunner create(Map<String, String> catalog) throws Exception {
    return create(new KeelPlugin(), catalog);
  }

  /**
   * @param keel the plugin providing the {@code keel} connector (as a server would load it, say)
   * @param catalog the {@code keel} catalog's properties
   * @return the started runner; the caller closes it
   */
  static DistributedQueryRunner create(Plugin keel, Map<String, String> catalog) throws Exception {
    Session session = testSessionBuilder().setCatalog("keel").setSchema("default").build();
    DistributedQueryRunner runner =
        DistributedQueryRunner.builder(session).setWorkerCount(2).build();
    try {
      runner.installPlugin(keel);
      runner.installPlugin(new TpchPlugin());
      runner.createCatalog("tpch", "tpch", Map.of());
      runner.createCatalog("keel", "keel", catalog);
      return runner;
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /** The first column of a query's rows. */
  static List<Object> column(DistributedQueryRunner runner, String sql) {
    List<Object> out = new ArrayList<>();
    for (MaterializedRow row : runner.execute(sql).getMaterializedRows()) {
      out.add(row.getField(0));
    }
    return out;
  }
}
