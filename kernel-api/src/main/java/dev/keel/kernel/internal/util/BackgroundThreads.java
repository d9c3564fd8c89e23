package dev.keel.kernel.internal.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's background threads for {@link ReadAhead}: daemon threads created on demand and
 * reused, shared by the log readers and {@code Scan.readData}. How many run at once is bounded by
 * the engine's parallelism settings.
 */
final class BackgroundThreads {
  private static final AtomicInteger THREADS = new AtomicInteger();
  static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "keel-reader-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private BackgroundThreads() {}

  /**
   * Rethrows what a background task threw on the thread that consumes its results: runtime
   * exceptions (a {@code KernelException} among them) and errors as they are, anything else
   * wrapped.
   */
  static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    throw new IllegalStateException(cause);
  }
}
