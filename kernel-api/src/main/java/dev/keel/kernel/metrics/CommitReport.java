package dev.keel.kernel.metrics;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.MetricsReport;

/**
 * Emitted after {@code Transaction.commit} succeeds: the version written, how many attempts it took
 * (each lost race with another writer is one conflict checked and retried), and what the commit
 * added and removed. A commit that fails emits nothing; its exception says why.
 *
 * <p>{@link #getOperation()} is {@code "commit"}; {@link #getMetrics()} holds {@code version},
 * {@code attempts}, {@code conflicts}, {@code filesAdded}, {@code filesRemoved} and {@code
 * durationNanos}.
 */
@Evolving
public interface CommitReport extends MetricsReport {
  /**
   * @return the version committed
   */
  long getVersion();

  /**
   * @return attempts to write the commit file, at least 1
   */
  int getAttempts();

  /**
   * @return races lost to other writers and resolved (attempts minus one)
   */
  int getConflicts();

  /**
   * @return add actions committed (new files and files given new deletion vectors)
   */
  long getFilesAdded();

  /**
   * @return remove actions committed
   */
  long getFilesRemoved();

  /**
   * @return wall time of {@code commit}, from its start until the commit file was written
   */
  long getDurationNanos();
}
