package dev.keel.kernel.internal.util;

import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Loads inputs on background threads, up to {@code parallelism} at a time, and hands their
 * results out in input order: the log's files are parsed in parallel while replay consumes them
 * newest first on the caller's thread. Each input's results are materialized (one file's batches),
 * so memory grows with the parallelism, not the log. Closing the iterator waits for the loads in
 * flight and closes every result not handed out.
 */
public final class OrderedPrefetch<I, R extends AutoCloseable> implements CloseableIterator<R> {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "keel-log-reader-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final List<I> inputs;
  private final int parallelism;
  private final Function<I, List<R>> load;
  private final Deque<Future<List<R>>> inFlight = new ArrayDeque<>();
  private int submitted;
  private Iterator<R> current = Collections.emptyIterator();
  private boolean closed;

  /**
   * @param inputs what to load, in the order results are wanted
   * @param parallelism how many loads may run at once, at least 1
   * @param load loads one input completely; on failure it closes what it had read, then throws
   */
  public OrderedPrefetch(List<I> inputs, int parallelism, Function<I, List<R>> load) {
    this.inputs = List.copyOf(inputs);
    this.parallelism = Math.max(1, parallelism);
    this.load = load;
  }

  private void submitUpToParallelism() {
    while (inFlight.size() < parallelism && submitted < inputs.size()) {
      I input = inputs.get(submitted++);
      inFlight.add(POOL.submit(() -> load.apply(input)));
    }
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    while (!current.hasNext()) {
      submitUpToParallelism();
      if (inFlight.isEmpty()) {
        return false;
      }
      current = await(inFlight.poll()).iterator();
      submitUpToParallelism();
    }
    return true;
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the Delta log", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current.forEachRemaining(OrderedPrefetch::closeQuietly);
    for (Future<List<R>> f : inFlight) {
      try {
        await(f).forEach(OrderedPrefetch::closeQuietly);
      } catch (RuntimeException | Error ignored) {
        // the caller stopped reading; a load that failed has closed its own partial results
      }
    }
    inFlight.clear();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing releases memory; nothing to report
    }
  }
}
