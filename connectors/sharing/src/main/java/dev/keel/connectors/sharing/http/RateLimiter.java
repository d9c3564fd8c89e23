package dev.keel.connectors.sharing.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per caller (a token, or an address for requests without a valid token): a
 * token bucket holding one second's worth of requests, refilled continuously. The table of callers
 * is bounded; when full, idle callers are dropped first.
 */
final class RateLimiter {
  private static final int MAX_CALLERS = 10_000;

  private final int perSecond;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }
  }

  /**
   * @param perSecond requests allowed per second and caller; 0 allows everything
   * @param nanoTime the clock
   */
  RateLimiter(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
  }

  /**
   * @return whether the caller may make one more request now
   */
  boolean tryAcquire(String caller) {
    if (perSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    if (buckets.size() >= MAX_CALLERS && !buckets.containsKey(caller)) {
      evictIdle(now);
    }
    Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(perSecond, now));
    synchronized (b) {
      b.tokens = Math.min(perSecond, b.tokens + (now - b.last) * perSecond / 1e9);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /** Drops callers whose bucket has refilled (idle for a second or more). */
  private void evictIdle(long now) {
    buckets.entrySet().removeIf(e -> now - e.getValue().last > 1_000_000_000L);
    if (buckets.size() >= MAX_CALLERS) {
      buckets.clear();
    }
  }
}
