package dev.keel.connectors.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink cluster of the module's tests: one task manager in the test JVM. */
final class FlinkTestCluster {
  private FlinkTestCluster() {}

  /**
   * A mini cluster for jobs at parallelism 2, with spare slots so that one job's slots being
   * released does not hold up the next job's start.
   */
  static MiniClusterExtension create() {
    return new MiniClusterExtension(configuration());
  }

  /** The same cluster for a program outside JUnit ({@code before()} starts it). */
  static org.apache.flink.test.util.MiniClusterWithClientResource resource() {
    return new org.apache.flink.test.util.MiniClusterWithClientResource(configuration());
  }

  private static MiniClusterResourceConfiguration configuration() {
    return new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1)
        .setNumberSlotsPerTaskManager(4)
        .build();
  }
}
