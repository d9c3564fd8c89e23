package dev.keel.kernel.internal.util;

import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Reads several inputs at once on background threads, up to {@code parallelism} of them, and hands
 * their results to the caller, in one of two orders:
 *
 * <ul>
 *   <li>{@link #ordered}: the first input's results, then the second's, and so on. An input that is
 *       not the first may read all its results ahead of the caller (that is what lets inputs be
 *       read in parallel), so memory grows with the parallelism times the size of an input: meant
 *       for small inputs, such as commit files. An input's results reach the caller up to {@value
 *       #HAND_OVER} at a time.
 *   <li>{@link #interleaved}: results in the order they are read, each input's results in their own
 *       order. Every input reads at most {@code depth} results ahead of the caller, so memory is
 *       bounded by about {@code parallelism * (depth + 1)} results whatever the inputs' sizes: for
 *       large inputs whose order does not matter (checkpoint parts, data files). With a parallelism
 *       of 1 the order is the inputs' order, and reading still overlaps the caller.
 * </ul>
 *
 * <p>The reads run on the engine's executor ({@link Engine#getExecutor()}); an engine without one
 * gets its inputs read one after another on the caller's thread.
 *
 * <p>A failure while opening or reading an input is thrown to the caller when it reaches the end of
 * that input's results. Closing stops the producers, closes every result not handed out and the
 * inputs iterator, and returns once no background thread holds a result.
 *
 * @param <I> what is opened (a log file, a scan file)
 * @param <R> a result (a batch); the caller closes what it takes
 */
public final class ReadAhead<I, R extends AutoCloseable> implements CloseableIterator<R> {
  private final CloseableIterator<I> inputs;
  private final Executor executor;
  private final int parallelism;
  private final Function<I, CloseableIterator<R>> open;

  /** The interleaved mode's queue, shared by all producers; null when ordered. */
  private final BlockingQueue<Object> shared;

  /** Inputs being read, in input order. */
  private final Deque<Producer> inFlight = new ArrayDeque<>();

  private R pending;
  private boolean closed;

  private ReadAhead(
      Executor executor,
      CloseableIterator<I> inputs,
      int parallelism,
      BlockingQueue<Object> shared,
      Function<I, CloseableIterator<R>> open) {
    this.executor = executor;
    this.inputs = inputs;
    this.parallelism = Math.max(1, parallelism);
    this.shared = shared;
    this.open = open;
  }

  /**
   * Results in input order.
   *
   * @param executor runs the reads (an engine's {@link Engine#getExecutor()}); without one the
   *     inputs are read one after another on the caller's thread
   * @param inputs what to open, in the order results are wanted; closed with the returned iterator
   * @param parallelism how many inputs may be read at once, at least 1
   * @param open opens one input; runs on a background thread, as does the iteration it returns
   */
  public static <I, R extends AutoCloseable> CloseableIterator<R> ordered(
      Optional<Executor> executor,
      CloseableIterator<I> inputs,
      int parallelism,
      Function<I, CloseableIterator<R>> open) {
    if (executor.isEmpty()) {
      return inputs.flatMap(open);
    }
    return new ReadAhead<>(executor.get(), inputs, parallelism, null, open);
  }

  /**
   * Results in the order they are read.
   *
   * @param executor runs the reads (an engine's {@link Engine#getExecutor()}); without one the
   *     inputs are read one after another on the caller's thread
   * @param inputs what to open; closed with the returned iterator
   * @param parallelism how many inputs may be read at once, at least 1
   * @param depth how many results each input may read ahead of the caller, at least 1
   * @param open opens one input; runs on a background thread, as does the iteration it returns
   */
  public static <I, R extends AutoCloseable> CloseableIterator<R> interleaved(
      Optional<Executor> executor,
      CloseableIterator<I> inputs,
      int parallelism,
      int depth,
      Function<I, CloseableIterator<R>> open) {
    if (executor.isEmpty()) {
      return inputs.flatMap(open);
    }
    int p = Math.max(1, parallelism);
    return new ReadAhead<>(
        executor.get(), inputs, p, new ArrayBlockingQueue<>(p * Math.max(1, depth) + p), open);
  }

  /** Reads one input into a queue on a background thread; puts itself there as its end mark. */
  private final class Producer implements Runnable {
    final I input;
    final BlockingQueue<Object> queue = shared != null ? shared : new LinkedBlockingQueue<>();
    volatile boolean cancelled;
    volatile Throwable failure;

    Producer(I input) {
      this.input = input;
    }

    @Override
    public void run() {
      // An ordered input's results are handed over HAND_OVER at a time: a caller that waits on an
      // empty queue is woken once per handful, not once per result (a commit file is often one
      // small batch, and a wake-up costs more than reading it). Its queue is unbounded anyway.
      List<Object> held = shared == null ? new ArrayList<>(HAND_OVER) : null;
      try (CloseableIterator<R> results = open.apply(input)) {
        while (!cancelled && results.hasNext()) {
          R r = results.next();
          if (held == null) {
            put(r);
          } else {
            held.add(r);
            if (held.size() == HAND_OVER) {
              putAll(held);
            }
          }
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        if (held != null) {
          putAll(held);
        }
        put(this);
      }
    }

    private void putAll(List<Object> held) {
      for (Object o : held) {
        put(o);
      }
      held.clear();
    }

    /** The queue always has room eventually: the consumer takes, or drains it when closing. */
    private void put(Object o) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(o);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many results of an ordered input are handed to the caller at once, at most. */
  static final int HAND_OVER = 32;

  private void startUpToParallelism() {
    while (inFlight.size() < parallelism && inputs.hasNext()) {
      Producer p = new Producer(inputs.next());
      inFlight.add(p);
      executor.execute(p);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    while (pending == null) {
      startUpToParallelism();
      Producer head = inFlight.peek();
      if (head == null) {
        return false;
      }
      Object o;
      try {
        o = head.queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a background read", e);
      }
      if (o instanceof ReadAhead.Producer) {
        Producer ended = (Producer) o;
        inFlight.remove(ended);
        if (ended.failure != null) {
          throw rethrow(ended.failure);
        }
      } else {
        pending = (R) o;
      }
    }
    return true;
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    R r = pending;
    pending = null;
    return r;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pending != null) {
      closeQuietly(pending);
      pending = null;
    }
    for (Producer p : inFlight) {
      p.cancelled = true;
    }
    try {
      // every producer ends, and puts its end mark, once it sees the flag; its queue is drained
      // meanwhile so that it never waits for room
      while (!inFlight.isEmpty()) {
        Object o;
        try {
          o = inFlight.peek().queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // the producers still stop and close their own iterators
        }
        if (o instanceof ReadAhead.Producer) {
          inFlight.remove(o);
        } else {
          closeQuietly((AutoCloseable) o);
        }
      }
    } finally {
      inputs.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing releases memory; nothing to report
    }
  }

  /**
   * Rethrows what a background task threw on the thread that consumes its results: runtime
   * exceptions (a {@code KernelException} among them) and errors as they are, anything else
   * wrapped.
   */
  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    throw new IllegalStateException(cause);
  }
}
