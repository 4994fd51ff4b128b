package dev.drover.agent.task;

import dev.drover.agent.Scheduler;
import dev.drover.agent.container.Container;
import dev.drover.agent.health.HealthChecker;
import dev.drover.agent.status.TaskReason;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** One task as the {@link TaskManager} tracks it. Mutable; touched only on the agent loop. */
final class TaskRecord {
  final TaskSpec spec;
  final Path sandbox;
  TaskState state = TaskState.STAGING;
  Container container;
  String containerId = "";
  long pid = -1;
  TaskReason killReason;
  Scheduler.Cancellable killTimer;
  HealthChecker checker;
  Optional<Boolean> healthy = Optional.empty();

  TaskRecord(TaskSpec spec, Path sandbox) {
    this.spec = spec;
    this.sandbox = sandbox;
  }

  TaskView view() {
    return new TaskView(spec.key(), spec.name(), state, pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(),
        sandbox, spec.resources(), containerId, healthy);
  }
}
