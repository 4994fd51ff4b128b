package dev.drover.master.launch;

import dev.drover.model.Resources;

/**
 * A task a framework asked to launch. The core reads the id, name, agent and resources; {@code wire} is the encoded
 * wire TaskInfo, opaque here, which the rpc layer re-reads to build RUN_TASKS. {@code resourcesError} is set (and
 * {@code resources} empty) when the task's resources could not be read.
 */
public record TaskSpec(String taskId, String name, String agentId, Resources resources, String resourcesError,
    byte[] wire) {
  public TaskSpec {
    taskId = taskId == null ? "" : taskId;
    agentId = agentId == null ? "" : agentId;
    resources = resources == null ? Resources.EMPTY : resources;
  }

  public TaskSpec withAgentId(String agent) {
    return new TaskSpec(taskId, name, agent, resources, resourcesError, wire);
  }
}
