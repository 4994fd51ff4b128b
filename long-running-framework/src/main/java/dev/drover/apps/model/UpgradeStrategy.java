package dev.drover.apps.model;

/**
 * How a deployment replaces instances (Marathon's {@code upgradeStrategy}): at least {@code minimumHealthCapacity}
 * × instances stay healthy and at most {@code maximumOverCapacity} × instances run on top. Both in [0, 1], default 1.
 */
public record UpgradeStrategy(Double minimumHealthCapacity, Double maximumOverCapacity) {
  public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);

  public UpgradeStrategy {
    minimumHealthCapacity = minimumHealthCapacity == null ? 1.0 : minimumHealthCapacity;
    maximumOverCapacity = maximumOverCapacity == null ? 1.0 : maximumOverCapacity;
  }
}
