package dev.drover.jobs.run;

import dev.drover.model.TaskState;

/** What can happen to a run; the input of {@link RunLifecycle}. */
public sealed interface RunEvent {
  /** The run should start now (its tick came, a manual start, its parents succeeded, or a retry fell due). */
  record Start() implements RunEvent {}

  /** Its task reported {@code state}. */
  record TaskUpdate(TaskState state, Integer exitCode, String message, String agentId) implements RunEvent {}

  /** Someone (an operator, REPLACE, a deleted job, the active deadline) wants it stopped, for {@code reason}. */
  record Stop(String reason) implements RunEvent {}

  /** Its tick is skipped (FORBID with a run still active): MISSED with {@code reason}. */
  record Skip(String reason) implements RunEvent {}

  /** It has waited for an offer past its starting deadline. */
  record StartingDeadlinePassed() implements RunEvent {}
}
