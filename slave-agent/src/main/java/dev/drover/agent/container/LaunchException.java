package dev.drover.agent.container;

import dev.drover.agent.status.TaskReason;

/**
 * A task that cannot be started. {@code refused} means the description itself is not allowed here (TASK_ERROR:
 * e.g. a privileged container on an agent that forbids them); otherwise the attempt failed (TASK_FAILED).
 */
public final class LaunchException extends Exception {
  private final TaskReason reason;
  private final boolean refused;

  public LaunchException(TaskReason reason, boolean refused, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.refused = refused;
  }

  public static LaunchException failed(TaskReason reason, String message, Throwable cause) {
    return new LaunchException(reason, false, message, cause);
  }

  public static LaunchException refused(String message) {
    return new LaunchException(TaskReason.TASK_INVALID, true, message, null);
  }

  public TaskReason reason() {
    return reason;
  }

  public boolean refused() {
    return refused;
  }
}
