package dev.keel.kernel.internal.util;

import dev.keel.kernel.utils.CloseableIterator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** Implementations behind {@link CloseableIterator}'s default methods. */
public final class Iterators {
  private Iterators() {}

  /** Closes {@code c} (if not null), rethrowing an IOException unchecked. */
  public static void close(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Closes every resource, even if one fails; the first failure is thrown with the others
   * suppressed.
   */
  public static void closeAll(Iterable<? extends AutoCloseable> resources) {
    RuntimeException failure = null;
    for (AutoCloseable r : resources) {
      try {
        if (r != null) {
          r.close();
        }
      } catch (Exception e) {
        RuntimeException wrapped =
            e instanceof RuntimeException
                ? (RuntimeException) e
                : e instanceof IOException
                    ? new UncheckedIOException((IOException) e)
                    : new RuntimeException(e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  public static <T> CloseableIterator<T> fromIterator(Iterator<T> it, Closeable onClose) {
    Objects.requireNonNull(it, "iterator is null");
    Objects.requireNonNull(onClose, "onClose is null");
    return new CloseableIterator<>() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        return !closed && it.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          Iterators.close(onClose);
        }
      }
    };
  }

  public static <T, R> CloseableIterator<R> map(
      CloseableIterator<T> source, Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper is null");
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public R next() {
        return mapper.apply(source.next());
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }

  public static <T> CloseableIterator<T> filter(
      CloseableIterator<T> source, Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate is null");
    return new LookAheadIterator<>() {
      @Override
      protected T computeNext() {
        while (source.hasNext()) {
          T candidate = source.next();
          if (predicate.test(candidate)) {
            return candidate;
          }
        }
        return null;
      }

      @Override
      protected void closeSource() {
        source.close();
      }
    };
  }

  public static <T, R> CloseableIterator<R> flatMap(
      CloseableIterator<T> source, Function<? super T, CloseableIterator<R>> mapper) {
    Objects.requireNonNull(mapper, "mapper is null");
    return new CloseableIterator<>() {
      private CloseableIterator<R> current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (current != null) {
            CloseableIterator<R> done = current;
            current = null;
            done.close();
          }
          if (!source.hasNext()) {
            return false;
          }
          current = mapper.apply(source.next());
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

      @Override
      public void close() {
        try {
          if (current != null) {
            current.close();
            current = null;
          }
        } finally {
          source.close();
        }
      }
    };
  }

  /**
   * An iterator that runs {@code whenClosed} once, after closing {@code it}, with whether it had
   * been read to its end; also after a close that throws.
   */
  public static <T> CloseableIterator<T> onClose(
      CloseableIterator<T> it, java.util.function.Consumer<Boolean> whenClosed) {
    return new CloseableIterator<>() {
      private boolean ended;
      private boolean closed;

      @Override
      public boolean hasNext() {
        boolean more = it.hasNext();
        if (!more) {
          ended = true;
        }
        return more;
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        try {
          it.close();
        } finally {
          whenClosed.accept(ended);
        }
      }
    };
  }
}
