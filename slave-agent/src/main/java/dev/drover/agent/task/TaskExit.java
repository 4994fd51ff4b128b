package dev.drover.agent.task;

import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.status.TaskReason;
import dev.drover.model.TaskState;
import java.util.OptionalInt;

/**
 * What a task's end means, as a pure table: killed on request → KILLED with the kill's reason; OOM-killed →
 * FAILED / CONTAINER_LIMITATION_MEMORY; unknown exit code → FAILED saying why; 0 → FINISHED; other → FAILED.
 */
record TaskExit(TaskState state, TaskReason reason, String message, OptionalInt exitCode) {
  static TaskExit of(ContainerExit exit, TaskReason killReason) {
    String detail = exit.detail().isEmpty() ? "" : " (" + exit.detail() + ")";
    if (killReason != null) {
      return new TaskExit(TaskState.KILLED, killReason, "killed", exit.exitCode());
    }
    if (exit.oomKilled()) {
      return new TaskExit(TaskState.FAILED, TaskReason.CONTAINER_LIMITATION_MEMORY,
          "memory limit exceeded: killed by the OOM killer" + detail, exit.exitCode());
    }
    if (exit.exitCode().isEmpty()) {
      String why = exit.detail().isEmpty() ? "ended; its exit code is unknown" : exit.detail();
      return new TaskExit(TaskState.FAILED, TaskReason.COMMAND_EXECUTOR_FAILED, why, OptionalInt.empty());
    }
    int code = exit.exitCode().getAsInt();
    return code == 0
        ? new TaskExit(TaskState.FINISHED, TaskReason.EXITED, "exited with code 0", OptionalInt.of(0))
        : new TaskExit(TaskState.FAILED, TaskReason.COMMAND_EXECUTOR_FAILED, "exited with code " + code,
            OptionalInt.of(code));
  }
}
