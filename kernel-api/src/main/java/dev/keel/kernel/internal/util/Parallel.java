package dev.keel.kernel.internal.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent tasks on the caller's thread and up to {@code parallelism - 1} helpers on an
 * engine's executor, all taking the next task not yet taken. The caller waits only for tasks a
 * helper has started, never for one still queued, so a call made from a thread of a busy or full
 * pool cannot deadlock: without free threads the caller runs every task itself.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * Runs the tasks and returns their results in the tasks' order. Once a task fails, tasks not yet
   * started are skipped; the first failure is thrown (the others added to it as suppressed) after
   * every started task has ended.
   *
   * @param executor where helpers run; empty runs every task on the caller's thread
   * @param parallelism how many tasks may run at once, the caller's included (at least 1)
   * @param tasks the tasks
   * @return the results, in the tasks' order
   */
  public static <T> List<T> map(
      Optional<Executor> executor, int parallelism, List<? extends Supplier<T>> tasks) {
    int n = tasks.size();
    Object[] results = new Object[n];
    AtomicInteger next = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(n);
    List<Throwable> failures = new ArrayList<>();
    Runnable drain =
        () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            try {
              boolean failed;
              synchronized (failures) {
                failed = !failures.isEmpty();
              }
              if (!failed) {
                results[i] = tasks.get(i).get();
              }
            } catch (Throwable t) {
              synchronized (failures) {
                failures.add(t);
              }
            } finally {
              ended.countDown();
            }
          }
        };
    int helpers = executor.isPresent() ? Math.min(Math.max(parallelism, 1), n) - 1 : 0;
    for (int h = 0; h < helpers; h++) {
      try {
        executor.get().execute(drain);
      } catch (RejectedExecutionException full) {
        break; // the caller takes the tasks
      }
    }
    drain.run();
    boolean interrupted = false;
    while (true) {
      try {
        ended.await(); // only tasks helpers have started are left: they end
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the started tasks still use the caller's inputs: wait for them
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!failures.isEmpty()) {
      Throwable first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      if (first instanceof RuntimeException) {
        throw (RuntimeException) first;
      }
      if (first instanceof Error) {
        throw (Error) first;
      }
      throw new IllegalStateException(first);
    }
    @SuppressWarnings("unchecked")
    List<T> out = (List<T>) Arrays.asList(results);
    return out;
  }
}
