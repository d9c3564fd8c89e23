package dev.keel.kernel.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestParallel {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("every helper ended").isTrue();
  }

  @Test
  void resultsComeInTheTasksOrderWhateverThreadRanThem() {
    List<Supplier<Integer>> tasks = new ArrayList<>();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch allRunning = new CountDownLatch(3);
    for (int i = 0; i < 50; i++) {
      int n = i;
      tasks.add(
          () -> {
            threads.add(Thread.currentThread());
            if (n < 3) {
              // the first three tasks wait for one another, so they run at once on three threads:
              // the two helpers and the caller, however the scheduler orders them
              allRunning.countDown();
              await(allRunning);
            }
            return n * n;
          });
    }
    List<Integer> results = Parallel.map(Optional.of(pool), 3, tasks);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      expected.add(i * i);
    }
    assertThat(results).isEqualTo(expected);
    assertThat(threads).hasSize(3).contains(Thread.currentThread());
  }

  @Test
  void withoutAnExecutorOrWithAParallelismOfOneTheCallerRunsEverything() {
    Thread caller = Thread.currentThread();
    List<Supplier<String>> tasks =
        List.of(
            () -> {
              assertThat(Thread.currentThread()).isSameAs(caller);
              return "a";
            },
            () -> {
              assertThat(Thread.currentThread()).isSameAs(caller);
              return "b";
            });
    assertThat(Parallel.map(Optional.empty(), 4, tasks)).containsExactly("a", "b");
    assertThat(Parallel.map(Optional.of(pool), 1, tasks)).containsExactly("a", "b");
    assertThat(Parallel.map(Optional.of(pool), 4, List.<Supplier<String>>of())).isEmpty();
  }

  @Test
  void aCallFromTheOnlyThreadOfAPoolDoesNotWaitForQueuedHelpers() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      List<Supplier<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        tasks.add(() -> n);
      }
      // the pool's one thread runs the caller, so every helper it is given waits in the queue
      Future<List<Integer>> call = single.submit(() -> Parallel.map(Optional.of(single), 4, tasks));
      assertThat(call.get(30, TimeUnit.SECONDS)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    } finally {
      single.shutdown();
      assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theFirstFailureIsThrownOnceStartedTasksEndAndLaterTasksAreSkipped() {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch failed = new CountDownLatch(1);
    List<Supplier<Integer>> tasks = new ArrayList<>();
    AtomicInteger slowEnded = new AtomicInteger();
    tasks.add(
        () -> {
          ran.incrementAndGet();
          await(failed); // still running when the other task fails: its end is waited for
          sleep(200);
          slowEnded.incrementAndGet();
          return 0;
        });
    tasks.add(
        () -> {
          ran.incrementAndGet();
          failed.countDown();
          throw new IllegalArgumentException("task 1 failed");
        });
    for (int i = 2; i < 100; i++) {
      tasks.add(
          () -> {
            ran.incrementAndGet();
            return 1;
          });
    }
    assertThatThrownBy(() -> Parallel.map(Optional.of(pool), 2, tasks))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 1 failed");
    assertThat(slowEnded.get()).as("the running task ended before the failure was thrown").isOne();
    assertThat(ran.get()).as("tasks after the failure were skipped").isLessThan(100);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
