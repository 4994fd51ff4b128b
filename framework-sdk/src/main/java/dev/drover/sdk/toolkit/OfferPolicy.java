package dev.drover.sdk.toolkit;

import java.time.Duration;

/**
 * How a framework treats offers it cannot use, so that it does not starve other frameworks: while it has no work,
 * it declines for a long time ({@code idleRefuse}, e.g. 60 s) and then suppresses offers altogether; with work waiting
 * it declines unusable offers only briefly ({@code busyRefuse}), and new work revives offers (which also clears the
 * refuse filters). Immutable.
 *
 * @param idleRefuse how long to refuse an offer when nothing waits to launch
 * @param busyRefuse how long to refuse an offer that did not fit while work is waiting
 * @param suppressWhenIdle whether to suppress offers when nothing waits
 */
public record OfferPolicy(Duration idleRefuse, Duration busyRefuse, boolean suppressWhenIdle) {
  /** 60 s idle, 5 s busy, suppress when idle. */
  public static final OfferPolicy DEFAULT = new OfferPolicy(Duration.ofSeconds(60), Duration.ofSeconds(5), true);

  public OfferPolicy {
    if (idleRefuse.isNegative() || busyRefuse.isNegative()) {
      throw new IllegalArgumentException("refuse durations must not be negative");
    }
  }

  /** The refuse duration for an unused offer. */
  public Duration refuse(boolean workWaiting) {
    return workWaiting ? busyRefuse : idleRefuse;
  }
}
