package dev.drover.apps.engine.reconcile;

import dev.drover.apps.engine.RunSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * An app's launch back-off: after the n-th failure in a row launches wait {@code backoffSeconds ×
 * backoffFactor^(n-1)}, at most {@code maxLaunchDelaySeconds}, counted from the failure; except that the first failure
 * in a row of an instance that had been ready (a service that ran, then died) is replaced at once. A successful run
 * resets it.
 * Immutable; a pure function of its inputs.
 *
 * @param failures failures in a row
 * @param until launches wait until then; {@link Instant#MIN} when not delayed
 * @param lastFailure when the last failure happened; {@link Instant#MIN} without failures
 */
public record LaunchDelay(int failures, Instant until, Instant lastFailure) {
  public static final LaunchDelay NONE = new LaunchDelay(0, Instant.MIN, Instant.MIN);

  /** The delay after one more failure at {@code at}, of an instance that never became ready. */
  public LaunchDelay afterFailure(RunSpec spec, Instant at) {
    return afterFailure(spec, at, false);
  }

  /**
   * The delay after one more failure at {@code at}; {@code wasReady}: the failed instance had been ready, so if it is
   * the first failure in a row its replacement is not delayed (Drover's choice; Marathon delays it by
   * backoffSeconds). A crash loop still backs off from its second failure.
   */
  public LaunchDelay afterFailure(RunSpec spec, Instant at, boolean wasReady) {
    int n = failures + 1;
    double seconds = n == 1 && wasReady ? 0
        : Math.min(spec.backoffSeconds() * Math.pow(spec.backoffFactor(), n - 1.0), spec.maxLaunchDelaySeconds());
    return new LaunchDelay(n, at.plus(Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000))), at);
  }

  /**
   * Whether a run resets this back-off: an instance that became ready after the last failure and has stayed ready
   * for {@code successfulRun} (an instance that was ready all along proves nothing about the failing ones).
   */
  public boolean resetBy(Instant readySince, Duration successfulRun, Instant now) {
    return failures > 0 && readySince != null && readySince.isAfter(lastFailure)
        && !readySince.plus(successfulRun).isAfter(now);
  }

  /** Whether launches must wait at {@code now}. */
  public boolean delays(Instant now) {
    return now.isBefore(until);
  }

  /**
   * The back-off the last failure imposed, in seconds: 0 without failures, and 0 after the first failure of an
   * instance that had been ready (it is replaced at once), so {@code /v2/queue} shows what launches really wait.
   */
  public double seconds() {
    return failures == 0 ? 0 : Duration.between(lastFailure, until).toMillis() / 1000.0;
  }
}
