package dev.drover.agent.container;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What identifies a running task's container across agent restarts: the containerizer that runs it, the container
 * id (a Docker id, or the pid), and for processes the pid with the process's start time in milliseconds since the
 * epoch, so that a pid reused by another process is not mistaken for the task.
 */
public record ContainerRuntime(String containerizer, String containerId, OptionalLong pid, OptionalLong startMillis) {
  public ContainerRuntime {
    Objects.requireNonNull(containerizer, "containerizer");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(startMillis, "startMillis");
  }
}
