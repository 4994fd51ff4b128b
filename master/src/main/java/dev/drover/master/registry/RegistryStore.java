package dev.drover.master.registry;

import dev.drover.master.maintenance.DrainRecord;

/**
 * Durable storage of the master's registry. Every method blocks until the change is durable (or fails with an
 * unchecked exception) and must not be called on the master's serial loop: the {@link Registrar} calls it from its
 * own thread. Implementations need not be thread-safe beyond that one caller. A fenced store refuses writes with
 * {@link FencedException} once this master's leadership is gone.
 */
public interface RegistryStore {
  /** Reads everything; an empty registry when nothing was ever written. */
  Registry load();

  /** Creates or replaces the agent's record. */
  void putAgent(RegisteredAgent agent);

  /**
   * Creates or replaces several agents' records, all or none ({@code known}: the ids whose record is believed to
   * exist, a hint for choosing create or replace). The registrar groups the agents that (re-)register together into
   * one call, so a rush of thousands costs a few round trips, not one each.
   */
  default void putAgents(java.util.List<RegisteredAgent> agents, java.util.Set<String> known) {
    agents.forEach(this::putAgent);
  }

  /** Removes the agent's record; nothing happens when there is none. */
  void removeAgent(String agentId);

  /** Creates or replaces the framework's record. */
  void putFramework(RegisteredFramework framework);

  /** Removes the framework's record; nothing happens when there is none. */
  void removeFramework(String frameworkId);

  /** Creates or replaces the drain of an agent. */
  void putDrain(DrainRecord drain);

  /** Removes the agent's drain; nothing happens when there is none. */
  void removeDrain(String agentId);

  /** Creates or replaces a role's weight and quota. */
  void putRole(RoleRecord role);

  /** Removes a role's record (back to weight 1, no quota); nothing happens when there is none. */
  void removeRole(String role);

  /** Whether every call returns at once (memory, no I/O), so the registrar may call it on the caller's thread. */
  default boolean immediate() {
    return false;
  }
}
