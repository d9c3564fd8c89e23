package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestReadAhead {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Optional<java.util.concurrent.Executor> executor = Optional.of(pool);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS))
        .as("every background read ended")
        .isTrue();
  }

  @Test
  void withoutAnExecutorInputsAreReadOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    List<String> names = new ArrayList<>();
    try (CloseableIterator<Item> it =
        ReadAhead.ordered(
            Optional.empty(),
            new Inputs(3),
            4,
            i -> {
              assertThat(Thread.currentThread()).isSameAs(caller);
              return open(i, 2, null);
            })) {
      it.forEachRemaining(item -> names.add(item.name));
    }
    assertThat(names).containsExactly("0.0", "0.1", "1.0", "1.1", "2.0", "2.1");
  }

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

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final ConcurrentLinkedQueue<Item> created = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> closedInputs = new ConcurrentLinkedQueue<>();

  /** Input {@code i} yields {@code sizes[i]} items; a negative size fails after that many. */
  private CloseableIterator<Item> open(int input, int size, String failure) {
    int now = open.incrementAndGet();
    maxOpen.accumulateAndGet(now, Math::max);
    return new CloseableIterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < size || failure != null;
      }

      @Override
      public Item next() {
        if (next == size) {
          throw new IllegalStateException(failure);
        }
        Thread.yield();
        Item item = new Item(input + "." + next++);
        created.add(item);
        return item;
      }

      @Override
      public void close() {
        open.decrementAndGet();
        closedInputs.add(String.valueOf(input));
      }
    };
  }

  private static final class Inputs implements CloseableIterator<Integer> {
    final int n;
    int next;
    final AtomicBoolean closed = new AtomicBoolean();

    Inputs(int n) {
      this.n = n;
    }

    @Override
    public boolean hasNext() {
      return next < n;
    }

    @Override
    public Integer next() {
      return next++;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static List<String> expected(int inputs, int each) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      for (int k = 0; k < each; k++) {
        out.add(i + "." + k);
      }
    }
    return out;
  }

  private void drain(CloseableIterator<Item> it, List<String> names) {
    while (it.hasNext()) {
      Item item = it.next();
      names.add(item.name);
      item.close();
    }
  }

  /** Asserts each input's results come in their own order, and how many each input gave. */
  private static void assertEachInputInOrder(List<String> names, int[] sizes) {
    int[] next = new int[sizes.length];
    for (String name : names) {
      String[] parts = name.split("\\.");
      int input = Integer.parseInt(parts[0]);
      assertThat(Integer.parseInt(parts[1])).as(name).isEqualTo(next[input]++);
    }
    assertThat(next).isEqualTo(sizes);
  }

  @Test
  void orderedHandsOutEveryResultInInputOrderWithBoundedParallelism() {
    Inputs inputs = new Inputs(10);
    List<String> names = new ArrayList<>();
    try (CloseableIterator<Item> it =
        ReadAhead.ordered(executor, inputs, 3, i -> open(i, 7 + (i % 3) * 5, null))) {
      drain(it, names);
    }
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (int k = 0; k < 7 + (i % 3) * 5; k++) {
        want.add(i + "." + k);
      }
    }
    assertThat(names).isEqualTo(want);
    assertThat(maxOpen.get()).isBetween(1, 3);
    assertThat(created).allMatch(i -> i.closed);
    assertThat(closedInputs).hasSize(10);
    assertThat(inputs.closed).isTrue();
  }

  @Test
  void orderedThrowsAFailureAfterTheResultsBeforeIt() {
    Inputs inputs = new Inputs(6);
    List<String> names = new ArrayList<>();
    CloseableIterator<Item> it =
        ReadAhead.ordered(
            executor, inputs, 2, i -> open(i, 4, i == 3 ? "cannot read file 3" : null));
    assertThatThrownBy(() -> drain(it, names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot read file 3");
    it.close();
    assertThat(names).isEqualTo(expected(4, 4));
    assertThat(created).allMatch(i -> i.closed);
    assertThat(open.get()).isZero();
    assertThat(inputs.closed).isTrue();
  }

  @Test
  void orderedHandsOverResultsAHandfulAtATimeInOrderAndThenAFailure() {
    // more results per input than one hand-over holds, and not a multiple of it
    int each = 2 * ReadAhead.HAND_OVER + 5;
    Inputs inputs = new Inputs(5);
    List<String> names = new ArrayList<>();
    CloseableIterator<Item> it =
        ReadAhead.ordered(
            executor, inputs, 2, i -> open(i, each, i == 3 ? "cannot read file 3" : null));
    assertThatThrownBy(() -> drain(it, names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot read file 3");
    it.close();
    assertThat(names).isEqualTo(expected(4, each));
    assertThat(created).allMatch(i -> i.closed);
    assertThat(open.get()).isZero();
    assertThat(inputs.closed).isTrue();
  }

  @Test
  void orderedThrowsAFailureToOpenAnInputInOrder() {
    List<String> names = new ArrayList<>();
    try (CloseableIterator<Item> it =
        ReadAhead.ordered(
            executor,
            new Inputs(3),
            3,
            i -> {
              if (i == 1) {
                throw new IllegalArgumentException("no such file 1");
              }
              return open(i, 2, null);
            })) {
      names.add(it.next().name);
      names.add(it.next().name);
      assertThatThrownBy(it::hasNext)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no such file 1");
    }
    assertThat(names).containsExactly("0.0", "0.1");
    assertThat(created).allMatch(i -> i.closed || i.name.startsWith("0."));
    assertThat(open.get()).isZero();
  }

  @Test
  void interleavedHandsOutEveryResultEachInputInOrder() {
    Inputs inputs = new Inputs(10);
    int[] sizes = new int[10];
    for (int i = 0; i < 10; i++) {
      sizes[i] = 7 + (i % 3) * 5;
    }
    List<String> names = new ArrayList<>();
    try (CloseableIterator<Item> it =
        ReadAhead.interleaved(executor, inputs, 3, 2, i -> open(i, sizes[i], null))) {
      drain(it, names);
    }
    assertEachInputInOrder(names, sizes);
    assertThat(maxOpen.get()).isBetween(1, 3);
    assertThat(created).allMatch(i -> i.closed);
    assertThat(closedInputs).hasSize(10);
    assertThat(inputs.closed).isTrue();
  }

  @Test
  void interleavedReadsOnlyAFewResultsAheadOfTheCaller() throws InterruptedException {
    try (CloseableIterator<Item> it =
        ReadAhead.interleaved(executor, new Inputs(4), 2, 3, i -> open(i, 1000, null))) {
      it.next().close();
      Thread.sleep(200); // let the producers fill the queue
      // the queue holds parallelism * (depth + 1); each producer reads one more while it waits
      assertThat(created.size()).isLessThanOrEqualTo(1 + 2 * (3 + 1) + 2);
      assertThat(maxOpen.get()).isEqualTo(2);
    }
    assertThat(created).allMatch(i -> i.closed);
    assertThat(open.get()).isZero();
  }

  @Test
  void interleavedThrowsAFailureAndKeepsTheOtherInputsResultsInOrder() {
    Inputs inputs = new Inputs(6);
    List<String> names = new ArrayList<>();
    CloseableIterator<Item> it =
        ReadAhead.interleaved(
            executor, inputs, 2, 2, i -> open(i, 4, i == 3 ? "cannot read file 3" : null));
    assertThatThrownBy(() -> drain(it, names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot read file 3");
    it.close();
    assertThat(names).contains("3.0", "3.1", "3.2", "3.3");
    assertThat(created).allMatch(i -> i.closed);
    assertThat(open.get()).isZero();
    assertThat(inputs.closed).isTrue();
  }

  @Test
  void closingEarlyStopsTheProducersAndClosesWhatWasNotHandedOut() {
    for (boolean ordered : new boolean[] {true, false}) {
      created.clear();
      Inputs inputs = new Inputs(50);
      Item taken;
      try (CloseableIterator<Item> it =
          ordered
              ? ReadAhead.ordered(executor, inputs, 4, i -> open(i, 10_000, null))
              : ReadAhead.interleaved(executor, inputs, 4, 2, i -> open(i, 10_000, null))) {
        taken = it.next();
        assertThat(it.hasNext()).isTrue(); // one result held back by hasNext is closed too
      }
      assertThat(taken.closed).isFalse();
      created.remove(taken);
      assertThat(created).as("ordered %s", ordered).isNotEmpty().allMatch(i -> i.closed);
      assertThat(open.get()).isZero();
      assertThat(inputs.closed).isTrue();
      assertThat(inputs.next).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void parallelismOfOneReadsInputsInOrderInBothModes() {
    for (boolean ordered : new boolean[] {true, false}) {
      List<String> names = new ArrayList<>();
      try (CloseableIterator<Item> it =
          ordered
              ? ReadAhead.ordered(executor, new Inputs(3), 1, i -> open(i, 5, null))
              : ReadAhead.interleaved(executor, new Inputs(3), 1, 1, i -> open(i, 5, null))) {
        drain(it, names);
      }
      assertThat(names).as("ordered %s", ordered).isEqualTo(expected(3, 5));
    }
    assertThat(maxOpen.get()).isEqualTo(1);
  }
}
