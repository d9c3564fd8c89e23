package dev.keel.connectors.sharing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TestRateLimiter {
  @Test
  void aCallerGetsASecondsWorthThenARefillPerSecond() {
    AtomicLong now = new AtomicLong(0);
    RateLimiter limiter = new RateLimiter(3, now::get);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();
    now.addAndGet(1_000_000_000L / 3 + 1);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    now.addAndGet(10_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void zeroMeansNoLimit() {
    RateLimiter limiter = new RateLimiter(0, () -> 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
  }
}
