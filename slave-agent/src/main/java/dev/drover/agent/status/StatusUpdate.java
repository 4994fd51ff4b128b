package dev.drover.agent.status;

import dev.drover.agent.task.TaskKey;
import dev.drover.model.TaskState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One status of one task as the agent observed it. {@code uuid} is fresh and random per update and is what the
 * master echoes in its acknowledgement. {@code containerId} is the Docker container id or the process id once
 * there is one, else empty. {@code healthy} is present for a task with a health check once it has a verdict.
 */
public record StatusUpdate(UUID uuid, TaskKey key, TaskState state, TaskReason reason, String message,
    OptionalInt exitCode, String containerId, String agentId, Instant timestamp, Optional<Boolean> healthy) {
  public StatusUpdate {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    message = message == null ? "" : message;
    Objects.requireNonNull(exitCode, "exitCode");
    containerId = containerId == null ? "" : containerId;
    agentId = agentId == null ? "" : agentId;
    Objects.requireNonNull(timestamp, "timestamp");
    healthy = healthy == null ? Optional.empty() : healthy;
  }

  /** A new update with a fresh random uuid, stamped now by {@code clock}. */
  public static StatusUpdate create(java.time.Clock clock, String agentId, TaskKey key, TaskState state,
      TaskReason reason, String message, OptionalInt exitCode, String containerId) {
    return create(clock, agentId, key, state, reason, message, exitCode, containerId, Optional.empty());
  }

  /** As above, with the task's health when it has a health check. */
  public static StatusUpdate create(java.time.Clock clock, String agentId, TaskKey key, TaskState state,
      TaskReason reason, String message, OptionalInt exitCode, String containerId, Optional<Boolean> healthy) {
    return new StatusUpdate(UUID.randomUUID(), key, state, reason, message, exitCode, containerId, agentId,
        clock.instant(), healthy);
  }

  @Override
  public String toString() {
    return key + " " + state + " (" + reason + (message.isEmpty() ? "" : ": " + message) + ") uuid=" + uuid;
  }
}
