package dev.keel.kernel.utils;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.internal.util.Iterators;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An iterator over resources that must be released: file handles, Arrow buffers, open readers.
 *
 * <p>Whoever obtains a {@code CloseableIterator} closes it, normally with try-with-resources,
 * whether or not it was exhausted. Closing is idempotent. Iterators derived with {@link #map},
 * {@link #filter} or {@link #flatMap} close the iterator they were derived from (and, for {@code
 * flatMap}, the current inner iterator) when they are closed; close only the outermost.
 *
 * <p>Elements that are themselves closeable (for example {@code ColumnarBatch}) belong to the
 * caller once returned by {@link #next()}: closing the iterator does not close elements already
 * handed out.
 *
 * @param <T> the element type
 */
@Stable
public interface CloseableIterator<T> extends Iterator<T>, Closeable {

  /**
   * Releases the resources behind this iterator. Never throws a checked exception.
   *
   * @throws UncheckedIOException if releasing an underlying resource fails
   */
  @Override
  void close();

  /**
   * Returns an iterator applying {@code mapper} to each element lazily.
   *
   * @param mapper the function to apply
   * @param <R> the result element type
   * @return the mapped iterator; closing it closes this one
   */
  default <R> CloseableIterator<R> map(Function<? super T, ? extends R> mapper) {
    return Iterators.map(this, mapper);
  }

  /**
   * Returns an iterator over the elements that satisfy {@code predicate}. To answer {@code hasNext}
   * it takes the next kept element ahead; closed before handing that element out, it closes the
   * element too when it is {@link AutoCloseable} (a batch). Elements must not be null.
   *
   * @param predicate which elements to keep
   * @return the filtered iterator; closing it closes this one
   */
  default CloseableIterator<T> filter(Predicate<? super T> predicate) {
    return Iterators.filter(this, predicate);
  }

  /**
   * Returns an iterator over the concatenation of the iterators {@code mapper} returns for each
   * element. Each inner iterator is closed once exhausted, or when the result is closed.
   *
   * @param mapper the function producing inner iterators
   * @param <R> the result element type
   * @return the flattened iterator; closing it closes this one and the current inner iterator
   */
  default <R> CloseableIterator<R> flatMap(Function<? super T, CloseableIterator<R>> mapper) {
    return Iterators.flatMap(this, mapper);
  }

  /**
   * Returns an iterator over the elements of a list. Closing it does nothing.
   *
   * @param elements the elements
   * @param <T> the element type
   * @return the iterator
   */
  static <T> CloseableIterator<T> of(List<T> elements) {
    return Iterators.fromIterator(elements.iterator(), () -> {});
  }

  /**
   * Returns an empty iterator.
   *
   * @param <T> the element type
   * @return an iterator with no elements
   */
  static <T> CloseableIterator<T> empty() {
    return of(List.of());
  }

  /**
   * Wraps a plain iterator, calling {@code onClose} once when the result is closed.
   *
   * @param iterator the iterator to wrap
   * @param onClose what to release on close
   * @param <T> the element type
   * @return the closeable iterator
   */
  static <T> CloseableIterator<T> wrap(Iterator<T> iterator, Closeable onClose) {
    return Iterators.fromIterator(iterator, onClose);
  }

  /**
   * Closes {@code closeable}, rethrowing an {@link IOException} unchecked.
   *
   * @param closeable the resource, may be {@code null}
   * @throws UncheckedIOException if closing fails
   */
  static void closeQuietly(Closeable closeable) {
    Iterators.close(closeable);
  }
}
