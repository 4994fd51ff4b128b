package dev.drover.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * A task the framework asks about in an explicit {@link SchedulerDriver#reconcile reconciliation}: its id and, when
 * known, the agent it was launched on. Immutable and thread-safe.
 *
 * @param taskId the task's id
 * @param agentId the agent's id, or empty when unknown
 */
public record TaskRef(String taskId, Optional<String> agentId) {
  public TaskRef {
    Objects.requireNonNull(taskId, "taskId");
    agentId = agentId == null ? Optional.empty() : agentId.filter(a -> !a.isEmpty());
  }

  public static TaskRef of(String taskId) {
    return new TaskRef(taskId, Optional.empty());
  }

  public static TaskRef of(String taskId, String agentId) {
    return new TaskRef(taskId, Optional.ofNullable(agentId));
  }
}
