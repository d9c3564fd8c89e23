package dev.keel.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the peak heap a benchmark keeps alive: the largest heap occupancy right after a garbage
 * collection during an iteration ({@code ·heap.peakAfterGc}, MB). Occupancy after a collection
 * is what was still reachable, so unlike the peak of used heap it does not depend on how much
 * garbage the young generation holds when a collection starts. Use with
 * {@code -prof dev.keel.benchmarks.PeakHeapProfiler}; each iteration should span a few
 * collections (the replay benchmarks allocate enough for that).
 */
public final class PeakHeapProfiler implements InternalProfiler {
  private final AtomicLong peak = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();

  @Override
  public String getDescription() {
    return "Largest heap occupancy after a GC during each iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    peak.set(0);
    NotificationListener listener = (n, handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = 0;
      for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
        used += u.getUsed();
      }
      peak.accumulateAndGet(used, Math::max);
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(listener, null, null);
        unregister.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (javax.management.ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    unregister.forEach(Runnable::run);
    unregister.clear();
    return List.of(new ScalarResult("·heap.peakAfterGc", peak.get() / (1024.0 * 1024.0), "MB", AggregationPolicy.MAX));
  }
}
