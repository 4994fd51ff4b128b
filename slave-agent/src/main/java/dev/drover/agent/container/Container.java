package dev.drover.agent.container;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One running task's container. Signals may be sent from any thread and are no-ops once it has exited;
 * {@link #exit} completes once, on a containerizer thread, when the task's main process is gone.
 */
public interface Container {
  /** The Docker container id, or the pid of a process task. */
  String id();

  /** The pid of the task's main process on this host, when known. */
  OptionalLong pid();

  /** What to checkpoint so that a restarted agent finds this container again. */
  ContainerRuntime runtime();

  /** SIGTERM: asks the task to stop. */
  void terminate();

  /** SIGKILL: stops the task now. */
  void kill();

  CompletableFuture<ContainerExit> exit();

  /**
   * Runs {@code argv} inside the container and answers whether it exited 0 within {@code timeout}; empty when
   * commands for this container run on the host instead (a process task).
   */
  default java.util.Optional<Boolean> execInside(java.util.List<String> argv, java.time.Duration timeout) {
    return java.util.Optional.empty();
  }

  /** Kills the task at once and releases what it holds (the agent is closing); {@link #exit} may never complete. */
  default void destroy() {
    kill();
  }
}
