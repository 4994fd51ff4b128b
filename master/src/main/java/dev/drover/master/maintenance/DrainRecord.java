package dev.drover.master.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's drain of one agent, as persisted in the registry: since when, the grace period before its tasks are
 * killed (when {@code kill}), or null to leave them to their frameworks. Immutable.
 */
public record DrainRecord(String agentId, Instant since, Duration gracePeriod, boolean kill) {
  public DrainRecord {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(since, "since");
    gracePeriod = gracePeriod == null ? Duration.ZERO : gracePeriod;
  }

  /** When the agent's tasks are killed, if they are. */
  public Instant killAt() {
    return since.plus(gracePeriod);
  }
}
