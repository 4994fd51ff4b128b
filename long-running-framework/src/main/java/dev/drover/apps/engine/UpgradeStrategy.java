package dev.drover.apps.engine;

/**
 * How a rolling replacement proceeds (Marathon's {@code upgradeStrategy}). Immutable.
 *
 * <p>With {@code n} instances, at least {@code ceil(n × minimumHealthCapacity)} ready instances (old or new) are kept
 * while old ones are replaced, and at most {@code floor(n × (1 + maximumOverCapacity))} instances run at once (one
 * more when both bounds are equal, so the replacement can make progress — Marathon's rule).
 *
 * @param minimumHealthCapacity fraction in [0, 1] of instances that must stay ready
 * @param maximumOverCapacity fraction in [0, 1] of extra instances allowed during the replacement
 */
public record UpgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {
  /** Marathon's default: keep all instances, start all new ones at once ({@code 1.0, 1.0}). */
  public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);

  public UpgradeStrategy {
    if (!(minimumHealthCapacity >= 0 && minimumHealthCapacity <= 1)) {
      throw new IllegalArgumentException("minimumHealthCapacity must be in [0, 1], not " + minimumHealthCapacity);
    }
    if (!(maximumOverCapacity >= 0 && maximumOverCapacity <= 1)) {
      throw new IllegalArgumentException("maximumOverCapacity must be in [0, 1], not " + maximumOverCapacity);
    }
  }
}
