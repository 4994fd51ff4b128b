package dev.drover.master.events;

import java.util.Map;

/**
 * One operator event for {@code /api/v1/events}: a type (TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, AGENT_UNREACHABLE,
 * FRAMEWORK_ADDED, FRAMEWORK_REMOVED, LEADER_CHANGED) and flat data (strings, numbers, booleans). Immutable.
 */
public record ClusterEvent(String type, Map<String, Object> data) {
  public ClusterEvent {
    data = Map.copyOf(data);
  }
}
