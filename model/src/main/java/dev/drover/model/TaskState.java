package dev.drover.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A task's lifecycle, as Mesos names it, with the allowed transitions declared in one table. Terminal states never
 * change again; UNREACHABLE may come back (the agent re-registers) or become terminal.
 */
public enum TaskState {
  STAGING, STARTING, RUNNING, KILLING,
  FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR,
  UNREACHABLE, UNKNOWN;

  private static final Set<TaskState> TERMINAL =
      EnumSet.of(FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR);

  private static final Map<TaskState, Set<TaskState>> NEXT = Map.of(
      STAGING, EnumSet.of(STARTING, RUNNING, KILLING, FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE,
          GONE_BY_OPERATOR, UNREACHABLE),
      STARTING, EnumSet.of(RUNNING, KILLING, FINISHED, FAILED, KILLED, ERROR, LOST, GONE, GONE_BY_OPERATOR,
          UNREACHABLE),
      RUNNING, EnumSet.of(RUNNING, KILLING, FINISHED, FAILED, KILLED, LOST, GONE, GONE_BY_OPERATOR, UNREACHABLE),
      KILLING, EnumSet.of(KILLING, FINISHED, FAILED, KILLED, LOST, GONE, GONE_BY_OPERATOR, UNREACHABLE),
      UNREACHABLE, EnumSet.of(STARTING, RUNNING, KILLING, FINISHED, FAILED, KILLED, LOST, GONE, GONE_BY_OPERATOR,
          UNREACHABLE),
      UNKNOWN, EnumSet.complementOf(EnumSet.of(UNKNOWN)));

  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /**
   * Whether a task in this state may move to {@code next}. RUNNING → RUNNING is allowed (a health change is a new
   * status in the same state); nothing leaves a terminal state.
   */
  public boolean canTransitionTo(TaskState next) {
    return NEXT.getOrDefault(this, Set.of()).contains(next);
  }
}
