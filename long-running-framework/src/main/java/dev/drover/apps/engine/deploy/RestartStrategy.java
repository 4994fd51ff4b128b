package dev.drover.apps.engine.deploy;

import dev.drover.apps.engine.UpgradeStrategy;

/**
 * Marathon's bounds for replacing instances, computed per round from the counts (so a resumed deployment computes
 * the same). A pure function.
 *
 * <p>{@code minHealthy = ceil(n × minimumHealthCapacity)}, {@code maxCapacity = floor(n × (1 +
 * maximumOverCapacity))}, plus one when the two are equal and at least that many are ready (one instance must be
 * replaceable to make progress). Ready old instances may be killed while more than {@code minHealthy} instances are
 * ready; when more ready instances run than wanted, the surplus may go too. New instances start while fewer than {@code n}
 * new ones run and fewer than {@code maxCapacity} instances run in all. (A tiny epsilon guards the products against
 * floating-point error, e.g. {@code 10 × 0.7}.)
 *
 * @param minHealthy ready instances to keep
 * @param maxCapacity instances allowed at once
 */
public record RestartStrategy(int minHealthy, int maxCapacity) {
  private static final double EPSILON = 1e-9;

  /** The bounds for {@code n} instances with {@code ready} ready ones. */
  public static RestartStrategy of(int n, UpgradeStrategy s, int ready) {
    int min = (int) Math.ceil(n * s.minimumHealthCapacity() - EPSILON);
    int max = (int) Math.floor(n * (1 + s.maximumOverCapacity()) + EPSILON);
    if (min == max && max <= ready) {
      max++;
    }
    return new RestartStrategy(min, max);
  }

  /**
   * How many ready old instances may be killed now.
   *
   * @param n instances wanted
   * @param ready ready instances, old and new
   * @param readyRunning ready old instances plus ready new ones (Marathon counts only new instances that run, not
   *     those still starting, when it kills a surplus)
   */
  public int readyOldToKill(int n, int ready, int readyRunning) {
    return Math.max(Math.max(0, ready - minHealthy), readyRunning - n);
  }

  /**
   * How many new instances may start now.
   *
   * @param n instances wanted
   * @param running active instances after this round's kills, old and new
   * @param newRunning active new instances
   */
  public int toStart(int n, int running, int newRunning) {
    return Math.max(0, Math.min(n - newRunning, maxCapacity - running));
  }
}
