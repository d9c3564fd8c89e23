package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestOrderedPrefetch {
  /** A result that records whether it was closed. */
  private static final class Item implements AutoCloseable {
    final String name;
    volatile boolean closed;

    Item(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final ConcurrentLinkedQueue<Item> created = new ConcurrentLinkedQueue<>();

  private List<Item> load(int input) {
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep((input * 7) % 5); // finish out of order
      if (input == 13) {
        throw new IllegalStateException("cannot read file 13");
      }
      List<Item> out = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        Item item = new Item(input + "." + k);
        created.add(item);
        out.add(item);
      }
      return out;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      running.decrementAndGet();
    }
  }

  private static List<Integer> inputs(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void handsOutResultsInInputOrderWithBoundedParallelism() {
    List<String> names = new ArrayList<>();
    try (OrderedPrefetch<Integer, Item> it = new OrderedPrefetch<>(inputs(12), 3, this::load)) {
      while (it.hasNext()) {
        Item item = it.next();
        names.add(item.name);
        item.close();
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (int k = 0; k < 3; k++) {
        expected.add(i + "." + k);
      }
    }
    assertThat(names).isEqualTo(expected);
    assertThat(maxRunning.get()).isBetween(1, 3);
    assertThat(created).allMatch(i -> i.closed);
  }

  @Test
  void aFailedLoadSurfacesInOrderAndEverythingIsClosed() {
    List<String> names = new ArrayList<>();
    OrderedPrefetch<Integer, Item> it = new OrderedPrefetch<>(inputs(20), 4, this::load);
    assertThatThrownBy(() -> {
      while (it.hasNext()) {
        Item item = it.next();
        names.add(item.name);
        item.close();
      }
    }).isInstanceOf(IllegalStateException.class).hasMessage("cannot read file 13");
    it.close();
    assertThat(names).hasSize(13 * 3).endsWith("12.2");
    assertThat(created).allMatch(i -> i.closed);
  }

  @Test
  void closingEarlyClosesWhatWasNotHandedOut() {
    try (OrderedPrefetch<Integer, Item> it = new OrderedPrefetch<>(inputs(10), 2, this::load)) {
      it.next().close();
      assertThat(it.hasNext()).isTrue();
    }
    assertThat(created).allMatch(i -> i.closed);
    assertThat(running.get()).isZero();
  }
}
