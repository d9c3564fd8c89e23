package dev.keel.kernel.internal.util;

import dev.keel.kernel.utils.CloseableIterator;
import java.util.NoSuchElementException;

/**
 * The one shape of an iterator that must read ahead to answer {@code hasNext}: a subclass says how
 * to compute the next element ({@code null} at the end) and how to release its source; this class
 * holds the element taken ahead, and closes it on {@link #close()} when it was never handed out and
 * is {@link AutoCloseable} (a batch), so an iterator closed early leaks nothing.
 *
 * @param <T> the elements
 */
public abstract class LookAheadIterator<T> implements CloseableIterator<T> {
  private T pending;
  private boolean ended;
  private boolean closed;

  /**
   * @return the next element, or {@code null} when there is none (it is not asked again)
   */
  protected abstract T computeNext();

  /** Releases what the iterator reads from; called once, by the first {@link #close()}. */
  protected abstract void closeSource();

  @Override
  public final boolean hasNext() {
    if (pending == null && !ended && !closed) {
      pending = computeNext();
      if (pending == null) {
        ended = true;
      }
    }
    return pending != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = pending;
    pending = null;
    return t;
  }

  /**
   * @return true once {@link #computeNext()} returned {@code null}
   */
  protected final boolean isEnded() {
    return ended;
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    T unread = pending;
    pending = null;
    try {
      if (unread instanceof AutoCloseable) {
        Iterators.closeAll(java.util.List.of((AutoCloseable) unread));
      }
    } finally {
      closeSource();
    }
  }
}
