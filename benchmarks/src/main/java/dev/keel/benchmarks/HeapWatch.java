package dev.keel.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap occupancy right after a garbage collection since the last {@link #reset}: what a
 * workload kept reachable, for the programs that check a workload fits a heap (not JMH runs, which
 * use {@link PeakHeapProfiler}).
 */
public final class HeapWatch {
  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  private final AtomicLong peakAfterGc = new AtomicLong();

  /** Starts watching every collector of this JVM. */
  public HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  record(
                      GarbageCollectionNotificationInfo.from(
                              (CompositeData) notification.getUserData())
                          .getGcInfo()
                          .getMemoryUsageAfterGc());
                }
              },
              null,
              null);
    }
  }

  private void record(Map<String, java.lang.management.MemoryUsage> afterGc) {
    long used = 0;
    for (var pool : afterGc.entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) { // not metaspace or the code cache
        used += pool.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Forgets the peak so far. */
  public void reset() {
    peakAfterGc.set(0);
  }

  /**
   * @return the largest heap occupancy after a collection since the last reset, in bytes (0 if no
   *     collection ran)
   */
  public long peakAfterGc() {
    return peakAfterGc.get();
  }
}
