package dev.drover.master.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the handlers of one leadership term share: the cluster state, who this master is, the clock, the intervals
 * it announces, and a way to ask for an allocation cycle soon. Used only on the master's serial loop.
 */
public record MasterContext(Cluster cluster, String masterId, Clock clock, Duration pingInterval,
    Duration heartbeatInterval, Duration defaultRefuse, Runnable allocateSoon) {
  public Instant now() {
    return clock.instant();
  }

  /** Seconds since the epoch, as task statuses carry them. */
  public double nowSeconds() {
    return clock.millis() / 1000.0;
  }

  /** A framework's refuse_seconds: absent or not positive means the default (the wire's "default 5"). */
  public Duration refuse(Double refuseSeconds) {
    if (refuseSeconds == null || !(refuseSeconds > 0) || refuseSeconds.isInfinite()) {
      return defaultRefuse;
    }
    return Duration.ofMillis(Math.round(refuseSeconds * 1000));
  }
}
