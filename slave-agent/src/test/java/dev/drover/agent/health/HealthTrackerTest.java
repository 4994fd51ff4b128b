package dev.drover.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
  private static final Duration IN_GRACE = Duration.ofSeconds(1);
  private static final Duration AFTER_GRACE = Duration.ofSeconds(20);

  @Test
  void failuresInTheGracePeriodAreIgnoredUntilTheFirstSuccess() {
    HealthTracker t = new HealthTracker(2, Duration.ofSeconds(10));
    assertEquals(Optional.empty(), t.record(false, IN_GRACE));
    assertEquals(Optional.empty(), t.record(false, IN_GRACE));
    assertEquals(Optional.empty(), t.record(false, IN_GRACE));
    assertEquals(Optional.of(true), t.record(true, IN_GRACE));
    assertEquals(Optional.empty(), t.record(true, IN_GRACE), "no change, no update");
    assertEquals(Optional.empty(), t.record(false, IN_GRACE), "after a success the grace period is over");
    assertEquals(Optional.of(false), t.record(false, IN_GRACE));
    assertEquals(Optional.empty(), t.record(false, IN_GRACE));
    assertEquals(Optional.of(true), t.record(true, AFTER_GRACE));
  }

  @Test
  void aTaskThatNeverPassesTurnsUnhealthyAfterTheGracePeriod() {
    HealthTracker t = new HealthTracker(3, Duration.ofSeconds(10));
    assertEquals(Optional.empty(), t.record(false, IN_GRACE));
    assertEquals(Optional.empty(), t.record(false, AFTER_GRACE));
    assertEquals(Optional.empty(), t.record(false, AFTER_GRACE));
    assertEquals(Optional.of(false), t.record(false, AFTER_GRACE));
    assertEquals(Optional.of(false), t.healthy());
  }
}
