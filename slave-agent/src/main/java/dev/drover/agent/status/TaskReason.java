package dev.drover.agent.status;

/** Why a status was sent; the agent's subset of the wire {@code Reason}, with the same names minus the prefix. */
public enum TaskReason {
  UNSPECIFIED,
  STARTED,
  EXITED,
  COMMAND_EXECUTOR_FAILED,
  CONTAINER_LAUNCH_FAILED,
  CONTAINER_LIMITATION_MEMORY,
  IMAGE_UNAVAILABLE,
  KILLED_BY_FRAMEWORK,
  FRAMEWORK_REMOVED,
  TASK_INVALID,
  INVALID_OFFERS,
  TASK_UNKNOWN,
  AGENT_RESTARTED,
  TASK_HEALTH_CHECK_STATUS_UPDATED,
  RECONCILIATION
}
