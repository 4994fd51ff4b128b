package dev.drover.apps.engine;

/**
 * Instance counts of one app (Marathon's {@code tasksStaged}, {@code tasksRunning}, {@code tasksHealthy},
 * {@code tasksUnhealthy}). Immutable.
 *
 * @param staged launched, not yet running (STAGING or STARTING)
 * @param running RUNNING
 * @param healthy RUNNING and reported healthy by their health check
 * @param unhealthy RUNNING and reported unhealthy
 */
public record AppCounts(int staged, int running, int healthy, int unhealthy) {
  public static final AppCounts NONE = new AppCounts(0, 0, 0, 0);
}
