package dev.drover.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * What a simulated task does once launched: it reports STARTING and RUNNING (or FAILED at once when it fails to
 * start), then, after {@code runTime}, FINISHED (exit code 0) or FAILED (any other exit code). Immutable.
 *
 * @param runTime how long it runs; empty means until killed
 * @param exitCode the exit code it ends with
 * @param healthy the health it reports with RUNNING; empty means the task has no health check
 * @param failToStart whether it fails (FAILED, REASON_CONTAINER_LAUNCH_FAILED) instead of starting
 */
public record TaskBehavior(Optional<Duration> runTime, int exitCode, Optional<Boolean> healthy,
    boolean failToStart) {
  public TaskBehavior {
    runTime = runTime == null ? Optional.empty() : runTime;
    healthy = healthy == null ? Optional.empty() : healthy;
  }

  /** Runs until killed. The default. */
  public static TaskBehavior runForever() {
    return new TaskBehavior(Optional.empty(), 0, Optional.empty(), false);
  }

  /** Runs for {@code d}, then exits with {@code exitCode}. */
  public static TaskBehavior runFor(Duration d, int exitCode) {
    return new TaskBehavior(Optional.of(d), exitCode, Optional.empty(), false);
  }

  /** Fails to start. */
  public static TaskBehavior failingToStart() {
    return new TaskBehavior(Optional.empty(), 1, Optional.empty(), true);
  }

  /** This behaviour, reporting {@code healthy} with RUNNING. */
  public TaskBehavior withHealth(boolean healthy) {
    return new TaskBehavior(runTime, exitCode, Optional.of(healthy), failToStart);
  }
}
