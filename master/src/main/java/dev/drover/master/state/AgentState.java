package dev.drover.master.state;

/** Where an admitted agent stands with this master. */
public enum AgentState {
  /** Registered on a live stream. */
  ACTIVE,
  /** Its stream ended; it has {@code max_missed_pings} ping intervals to come back before it is UNREACHABLE. */
  DISCONNECTED,
  /** Known from the registry after a failover; it has {@code agent_reregister_timeout} to re-register. */
  RECOVERING,
  /** Missed too many pings or did not re-register in time; its tasks were reported UNREACHABLE or LOST. */
  UNREACHABLE
}
