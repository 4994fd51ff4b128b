package dev.drover.master.events;

import dev.drover.master.state.AgentState;
import dev.drover.master.state.StateSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives operator events from two consecutive snapshots, so that no handler has to remember to publish them.
 * A change and its undoing inside one command is not seen; every state a task rests in after a command is.
 */
public final class SnapshotDiff {
  private SnapshotDiff() {}

  public static List<ClusterEvent> diff(StateSnapshot before, StateSnapshot after, String masterId) {
    List<ClusterEvent> out = new ArrayList<>();
    if (before.leading() != after.leading()) {
      out.add(new ClusterEvent("LEADER_CHANGED", Map.of("masterId", masterId, "leading", after.leading())));
    }
    Map<String, StateSnapshot.AgentView> agents = new HashMap<>();
    before.agents().forEach(a -> agents.put(a.id(), a));
    for (StateSnapshot.AgentView a : after.agents()) {
      StateSnapshot.AgentView was = agents.remove(a.id());
      if (was == null && after.leading() == before.leading() || was != null && was.state() != a.state()
          && a.state() == AgentState.ACTIVE) {
        out.add(agent("AGENT_ADDED", a));
      } else if (was != null && was.state() != a.state() && a.state() == AgentState.UNREACHABLE) {
        out.add(agent("AGENT_UNREACHABLE", a));
      }
    }
    if (after.leading() == before.leading()) {
      agents.values().forEach(a -> out.add(agent("AGENT_REMOVED", a)));
    }
    Map<String, StateSnapshot.FrameworkView> frameworks = new HashMap<>();
    before.frameworks().forEach(f -> frameworks.put(f.id(), f));
    for (StateSnapshot.FrameworkView f : after.frameworks()) {
      if (frameworks.remove(f.id()) == null && after.leading() == before.leading()) {
        out.add(new ClusterEvent("FRAMEWORK_ADDED", Map.of("frameworkId", f.id(), "name", f.name())));
      }
    }
    if (after.leading() == before.leading()) {
      frameworks.values().forEach(f -> out.add(new ClusterEvent("FRAMEWORK_REMOVED",
          Map.of("frameworkId", f.id(), "name", f.name()))));
    }
    Map<String, StateSnapshot.TaskView> tasks = new HashMap<>();
    before.tasks().forEach(t -> tasks.put(t.frameworkId() + "/" + t.id(), t));
    for (StateSnapshot.TaskView t : after.tasks()) {
      StateSnapshot.TaskView was = tasks.get(t.frameworkId() + "/" + t.id());
      if (was == null || was.state() != t.state()) {
        out.add(new ClusterEvent("TASK_UPDATED", Map.of("taskId", t.id(), "frameworkId", t.frameworkId(),
            "agentId", t.agentId(), "state", "TASK_" + t.state().name())));
      }
    }
    return out;
  }

  private static ClusterEvent agent(String type, StateSnapshot.AgentView a) {
    return new ClusterEvent(type, Map.of("agentId", a.id(), "hostname", a.hostname(), "state", a.state().name()));
  }
}
