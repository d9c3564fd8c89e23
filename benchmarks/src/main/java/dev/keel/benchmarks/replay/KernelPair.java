package dev.keel.benchmarks.replay;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import org.apache.hadoop.conf.Configuration;

/**
 * The two engines a side-by-side benchmark state holds: Keel's default engine and the reference
 * kernel's, opened in the state's trial setup and closed in its teardown.
 */
abstract class KernelPair {
  protected DefaultEngine keel;
  protected io.delta.kernel.engine.Engine reference;

  protected void openEngines() {
    keel = DefaultEngine.create();
    reference = io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
  }

  protected void closeEngines() {
    keel.close();
  }
}
