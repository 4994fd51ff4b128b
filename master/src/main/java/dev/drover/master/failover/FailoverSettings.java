package dev.drover.master.failover;

import java.time.Duration;

/**
 * The master's recovery timings.
 *
 * @param agentReregisterTimeout how long agents known from the registry have to re-register after an election
 * @param maxMissedPings ping rounds an agent may miss in a row (or stay disconnected) before it is UNREACHABLE
 * @param tickInterval how often the loop checks its deadlines (re-register, failover timeouts, pings, drains)
 */
public record FailoverSettings(Duration agentReregisterTimeout, int maxMissedPings, Duration tickInterval) {
  public static final FailoverSettings DEFAULTS =
      new FailoverSettings(Duration.ofSeconds(10), 5, Duration.ofMillis(100));

  public FailoverSettings {
    if (agentReregisterTimeout.isNegative() || maxMissedPings < 1 || tickInterval.isNegative()
        || tickInterval.isZero()) {
      throw new IllegalArgumentException("invalid failover settings: " + agentReregisterTimeout + ", "
          + maxMissedPings + ", " + tickInterval);
    }
  }
}
