package dev.drover.agent.task;

import java.util.Objects;

/** A task's identity on the agent: task ids are unique only within their framework. */
public record TaskKey(String frameworkId, String taskId) {
  public TaskKey {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(taskId, "taskId");
  }

  @Override
  public String toString() {
    return frameworkId + "/" + taskId;
  }
}
