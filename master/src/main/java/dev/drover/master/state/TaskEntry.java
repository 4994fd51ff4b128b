package dev.drover.master.state;

import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.function.Consumer;

/** A task the master knows, with its latest status. Mutable; owned by the master's serial loop. */
public final class TaskEntry {
  final TaskKey key;
  final String agentId;
  final String name;
  final Resources resources;
  TaskStatus status;
  private final Consumer<TaskStatus> seen;

  TaskEntry(TaskKey key, String agentId, String name, Resources resources, TaskStatus status,
      Consumer<TaskStatus> seen) {
    this.seen = seen;
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

  /** Takes the task's new latest status (and tells the cluster's status listener, e.g. the task history). */
  public void status(TaskStatus status) {
    this.status = status;
    seen.accept(status);
  }
}
