package dev.drover.agent.health;

import java.time.Duration;
import java.util.Optional;

/**
 * Turns a task's check results into health changes, as a pure state machine: the first success makes it healthy;
 * failures inside the grace period before any success are ignored; {@code consecutiveFailures} failures in a row
 * (outside that) make it unhealthy. {@link #record} answers the new health only when it changed. Not thread-safe.
 */
public final class HealthTracker {
  private final int threshold;
  private final Duration gracePeriod;
  private Boolean healthy;
  private boolean everSucceeded;
  private int failures;

  public HealthTracker(int threshold, Duration gracePeriod) {
    this.threshold = threshold;
    this.gracePeriod = gracePeriod;
  }

  /**
   * Records one result, {@code sinceStart} after the task started.
   *
   * @return the new health if it changed, else empty
   */
  public Optional<Boolean> record(boolean ok, Duration sinceStart) {
    if (ok) {
      everSucceeded = true;
      failures = 0;
      return change(true);
    }
    if (!everSucceeded && sinceStart.compareTo(gracePeriod) < 0) {
      return Optional.empty();
    }
    failures++;
    return failures >= threshold ? change(false) : Optional.empty();
  }

  public Optional<Boolean> healthy() {
    return Optional.ofNullable(healthy);
  }

  private Optional<Boolean> change(boolean now) {
    if (healthy != null && healthy == now) {
      return Optional.empty();
    }
    healthy = now;
    return Optional.of(now);
  }
}
