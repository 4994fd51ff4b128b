package dev.drover.security.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a principal's name, or a client IP for anonymous requests). Idle keys are
 * forgotten when the table grows past 10,000. Thread-safe (one lock; a check is a few arithmetic operations).
 */
public final class RateLimiter {
  private static final int MAX_KEYS = 10_000;

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanos;
  private final Map<String, TokenBucket> buckets = new HashMap<>();

  public RateLimiter(double perSecond, int burst, LongSupplier nanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanos = nanos;
  }

  /** 0 when {@code key} may go ahead, else the seconds to wait. */
  public synchronized long tryAcquire(String key) {
    long now = nanos.getAsLong();
    if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
      buckets.values().removeIf(b -> b.isFull(now));
    }
    return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now)).tryTake(now);
  }
}
