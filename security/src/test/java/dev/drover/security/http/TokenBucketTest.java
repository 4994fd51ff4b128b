package dev.drover.security.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  void burstThenRefillAtTheRate() {
    TokenBucket b = new TokenBucket(2, 3, 0);
    assertEquals(0, b.tryTake(0));
    assertEquals(0, b.tryTake(0));
    assertEquals(0, b.tryTake(0));
    assertEquals(1, b.tryTake(0));
    assertEquals(0, b.tryTake(500_000_000L));
    assertEquals(1, b.tryTake(500_000_000L));
  }

  @Test
  void limiterKeepsOneBucketPerKey() {
    AtomicLong now = new AtomicLong();
    RateLimiter l = new RateLimiter(1, 1, now::get);
    assertEquals(0, l.tryAcquire("a"));
    assertTrue(l.tryAcquire("a") > 0);
    assertEquals(0, l.tryAcquire("b"));
    now.addAndGet(1_000_000_000L);
    assertEquals(0, l.tryAcquire("a"));
  }
}
