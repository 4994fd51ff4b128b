package dev.drover.master.state;

import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;

/** A task the master knows, with its latest status. Mutable; owned by the master's serial loop. */
public final class TaskEntry {
  final TaskKey key;
  final String agentId;
  final String name;
  final Resources resources;
  TaskStatus status;

  TaskEntry(TaskKey key, String agentId, String name, Resources resources, TaskStatus status) {
    this.key = key;
    this.agentId = agentId;
    this.name = name;
    this.resources = resources;
    this.status = status;
  }

  public TaskKey key() {
    return key;
  }

  public String agentId() {
    return agentId;
  }

  public String name() {
    return name;
  }

  public Resources resources() {
    return resources;
  }

  public TaskStatus status() {
    return status;
  }

  public TaskState state() {
    return status.state();
  }

  public void status(TaskStatus status) {
    this.status = status;
  }
}
