package dev.drover.agent.health;

import java.util.Arrays;
import java.util.Optional;

/**
 * A task's health from the health of each of its checks, as a pure state machine: unhealthy as soon as one check
 * is unhealthy, healthy once every check is healthy, unknown before that. {@link #update} answers the task's new
 * health only when it changed (so a second failing check sends nothing new). Not thread-safe.
 */
public final class HealthVerdict {
  private final Boolean[] checks;
  private Boolean task;

  public HealthVerdict(int checks) {
    if (checks < 1) {
      throw new IllegalArgumentException("a health verdict needs at least one check");
    }
    this.checks = new Boolean[checks];
  }

  /**
   * Records that check {@code index} is now {@code healthy}.
   *
   * @return the task's new health if it changed, else empty
   */
  public Optional<Boolean> update(int index, boolean healthy) {
    checks[index] = healthy;
    Boolean now = Arrays.asList(checks).contains(Boolean.FALSE) ? Boolean.FALSE
        : Arrays.asList(checks).contains(null) ? null : Boolean.TRUE;
    if (now == null || now.equals(task)) {
      return Optional.empty();
    }
    task = now;
    return Optional.of(now);
  }

  /** The health of check {@code index}, or empty before its first verdict. */
  public Optional<Boolean> check(int index) {
    return Optional.ofNullable(checks[index]);
  }
}
