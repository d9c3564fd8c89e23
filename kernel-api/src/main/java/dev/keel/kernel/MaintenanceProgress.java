package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;

/**
 * Receives the progress of a long maintenance operation ({@link OptimizeBuilder#withProgress},
 * {@link Table#vacuum(dev.keel.kernel.engine.Engine, java.util.Optional, boolean, boolean,
 * MaintenanceProgress)}, {@link Table#repair(dev.keel.kernel.engine.Engine, boolean,
 * MaintenanceProgress)}), on the thread that runs the operation, once when the amount of work is
 * known and then after each piece of it. An exception it throws stops the operation and reaches its
 * caller: optimize and repair then commit nothing, vacuum deletes no further files.
 */
@Evolving
@FunctionalInterface
public interface MaintenanceProgress {
  /** Ignores all progress. */
  MaintenanceProgress NONE = (step, done, total) -> {};

  /**
   * @param step what is being done: {@code rewrite} (optimize; bytes of the files being rewritten),
   *     {@code delete} (vacuum; files), {@code check} (repair; files checked for existence)
   * @param done how much of it is done
   * @param total how much there is in all, in the same unit
   */
  void update(String step, long done, long total);
}
