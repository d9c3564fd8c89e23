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
 * collection during an iteration ({@code ·heap.peakAfterGc}, MB). Occupancy after a collection is
 * what was still reachable, so unlike the peak of used heap it does not depend on how much garbage
 * the young generation holds when a collection starts. Use with {@code -prof
 * dev.keel.benchmarks.PeakHeapProfiler}; each iteration should span a few collections (the replay
 * benchmarks allocate enough for that).
 *
 * <p>That occupancy also counts what the benchmark's state keeps between invocations (JMH, both
 * kernels' engines and, for the warm benchmarks, both kernels' loaded snapshots) and survivors of
 * earlier iterations promoted and not yet collected; and a workload that allocates little may see
 * no collection at all in an iteration. For the workload's own peak, run with {@code -prof
 * "dev.keel.benchmarks.PeakHeapProfiler:sampleMs=50"}: the iteration then starts after two full
 * collections (what is left is the baseline), a collection is forced every 50 ms during it, and
 * {@code ·heap.liveAboveBaseline} reports the most the workload itself kept reachable at those
 * points. The forced collections slow the run down: take times from a run without this option.
 */
public final class PeakHeapProfiler implements InternalProfiler {
  private final AtomicLong peak = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();
  private final long sampleMs;
  private long baseline;
  private volatile boolean sampling;
  private Thread sampler;

  public PeakHeapProfiler() {
    this.sampleMs = 0;
  }

  /**
   * @param options empty, or {@code sampleMs=N}: force a collection every N ms (see the class
   *     comment)
   */
  public PeakHeapProfiler(String options) {
    String o = options == null ? "" : options.trim();
    if (o.isEmpty()) {
      this.sampleMs = 0;
    } else if (o.startsWith("sampleMs=")) {
      this.sampleMs = Long.parseLong(o.substring("sampleMs=".length()));
    } else {
      throw new IllegalArgumentException(
          "PeakHeapProfiler takes no option but sampleMs=N, not `" + o + "`");
    }
  }

  @Override
  public String getDescription() {
    return "Largest heap occupancy after a GC during each iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (sampleMs > 0) {
      System.gc();
      System.gc();
      baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    peak.set(0);
    NotificationListener listener =
        (n, handback) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              n.getType())) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
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
        unregister.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
              }
            });
      }
    }
    if (sampleMs > 0) {
      sampling = true;
      sampler =
          new Thread(
              () -> {
                while (sampling) {
                  try {
                    Thread.sleep(sampleMs);
                  } catch (InterruptedException e) {
                    return;
                  }
                  System.gc();
                }
              },
              "peak-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (sampler != null) {
      sampling = false;
      try {
        sampler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sampler = null;
    }
    unregister.forEach(Runnable::run);
    unregister.clear();
    double mb = 1024.0 * 1024.0;
    ScalarResult peakResult =
        new ScalarResult("·heap.peakAfterGc", peak.get() / mb, "MB", AggregationPolicy.MAX);
    if (sampleMs == 0) {
      return List.of(peakResult);
    }
    return List.of(
        peakResult,
        new ScalarResult(
            "·heap.liveAboveBaseline",
            Math.max(0, peak.get() - baseline) / mb,
            "MB",
            AggregationPolicy.MAX));
  }
}
