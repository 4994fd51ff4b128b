package dev.drover.agent.checkpoint;

import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * What an earlier run of the agent left on disk about one task: its description (absent for a task refused before
 * it was admitted), its container, its newest status and the statuses the master has not acknowledged.
 */
public record TaskCheckpoint(TaskKey key, Optional<TaskSpec> spec, Optional<ContainerRuntime> runtime,
    Optional<StatusUpdate> latest, List<StatusUpdate> pending) {
  public TaskCheckpoint {
    pending = List.copyOf(pending);
  }
}
