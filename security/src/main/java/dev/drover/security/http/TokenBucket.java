package dev.drover.security.http;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond}; each request takes one. Time is
 * an input (nanoseconds from any monotonic origin), so tests step it by hand. Not thread-safe: callers lock.
 */
public final class TokenBucket {
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double perSecond, int burst, long nowNanos) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /**
   * Takes a token if there is one.
   *
   * @return 0 when taken, else the whole seconds (at least 1) until one will be there, for {@code Retry-After}
   */
  public long tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }

  /** Whether the bucket is full (an idle client; its entry may be forgotten). */
  public boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed / 1e9 * perSecond);
      lastNanos = nowNanos;
    }
  }
}
