package dev.keel.kernel.utils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestCloseableIterator {
  /** A hand-written fake that counts how often it is closed. */
  private static CloseableIterator<Integer> counted(List<Integer> values, AtomicInteger closes) {
    return CloseableIterator.wrap(values.iterator(), closes::incrementAndGet);
  }

  private static <T> List<T> drain(CloseableIterator<T> it) {
    List<T> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void mapFilterAndFlatMapAreLazyAndCloseTheSource() {
    AtomicInteger closes = new AtomicInteger();
    AtomicInteger innerCloses = new AtomicInteger();
    CloseableIterator<Integer> it =
        counted(List.of(1, 2, 3, 4), closes)
            .filter(x -> x % 2 == 0)
            .map(x -> x * 10)
            .flatMap(x -> counted(List.of(x, x + 1), innerCloses));
    assertThat(drain(it)).containsExactly(20, 21, 40, 41);
    assertThat(closes).hasValue(1);
    assertThat(innerCloses).hasValue(2);
  }

  @Test
  void closingEarlyClosesTheCurrentInnerIterator() {
    AtomicInteger closes = new AtomicInteger();
    AtomicInteger innerCloses = new AtomicInteger();
    CloseableIterator<Integer> it =
        counted(List.of(1, 2), closes).flatMap(x -> counted(List.of(x, x), innerCloses));
    assertThat(it.next()).isEqualTo(1);
    it.close();
    assertThat(closes).hasValue(1);
    assertThat(innerCloses).hasValue(1);
  }

  @Test
  void closeIsIdempotentAndStopsIteration() {
    AtomicInteger closes = new AtomicInteger();
    CloseableIterator<Integer> it = counted(List.of(1, 2), closes);
    it.close();
    it.close();
    assertThat(closes).hasValue(1);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void emptyAndOf() {
    assertThat(drain(CloseableIterator.empty())).isEmpty();
    assertThat(drain(CloseableIterator.of(List.of("a", "b")))).containsExactly("a", "b");
  }
}
