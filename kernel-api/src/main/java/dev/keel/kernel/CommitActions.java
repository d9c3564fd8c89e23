package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.ColumnarBatch;

/**
 * Actions of one commit, as {@link Table#getCommits} returns them: one row per line of the commit
 * file, one nullable struct column per requested {@link DeltaAction} (named by {@link
 * DeltaAction#getFieldName()}, in the order requested); in each row at most one column is not null.
 * A large commit may come as several of these, in order. The caller closes it.
 */
@Evolving
public interface CommitActions extends AutoCloseable {
  /**
   * @return the commit's version
   */
  long getVersion();

  /**
   * @return the commit file's modification time, epoch milliseconds (the in-commit timestamp, where
   *     a table has them, is in {@code commitInfo})
   */
  long getTimestamp();

  /**
   * @return the actions; valid until this is closed
   */
  ColumnarBatch getActions();

  /** Releases the batch. */
  @Override
  void close();
}
