package dev.keel.benchmarks.replay;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two engines a side-by-side benchmark state holds: Keel's default engine and the reference
 * kernel's, opened by the subclass's trial setup and closed by the trial teardown here.
 */
abstract class KernelPair {
  protected DefaultEngine keel;
  protected io.delta.kernel.engine.Engine reference;

  protected void openEngines() {
    keel = DefaultEngine.create();
    reference = io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
  }

  /** Closes Keel's engine (which fails on leaked Arrow memory) after each trial of a subclass. */
  @TearDown(Level.Trial)
  public void closeEngines() {
    keel.close();
  }
}
