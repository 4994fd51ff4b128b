package dev.drover.testkit;

import java.util.Optional;
import java.util.Set;

/**
 * One agent of a {@link DroverCluster}: simulated (tasks are state machines in the test JVM) or a real
 * {@code slave-agent} running real processes. Thread-safe.
 */
public interface ClusterAgent {

  /** The id the master gave it, once registered. */
  Optional<String> agentId();

  /** Its hostname as offers show it (unique per agent in the cluster, e.g. {@code agent-1}). */
  String hostname();

  /** Ids of the tasks it runs that have not reached a terminal state. */
  Set<String> liveTasks();

  /**
   * Cuts it off from the master (no messages either way, no reconnecting) until {@link #heal()}. Its tasks keep
   * running. Simulated agents only.
   */
  void partition();

  /** Ends a {@link #partition()}: it reconnects and re-registers with its tasks. */
  void heal();

  /** Stops it and starts it again with the same id and work directory; simulated agents keep their tasks. */
  void restart();

  /** Makes a task exit as if killed from outside (exit code 137, FAILED). Simulated agents only. */
  boolean killTask(String taskId);
}
