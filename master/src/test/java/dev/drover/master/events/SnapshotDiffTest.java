package dev.drover.master.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.master.state.AgentState;
import dev.drover.master.state.StateSnapshot;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events derived from consecutive snapshots. */
class SnapshotDiffTest {
  private static StateSnapshot.AgentView agent(String id, AgentState state) {
    return new StateSnapshot.AgentView(id, "h", 1, state == AgentState.ACTIVE, Resources.EMPTY, Resources.EMPTY,
        Map.of(), state);
  }

  private static StateSnapshot.TaskView task(String id, TaskState state) {
    return new StateSnapshot.TaskView(id, id, "f1", "a1", state, Resources.EMPTY);
  }

  private static List<String> types(StateSnapshot before, StateSnapshot after) {
    return SnapshotDiff.diff(before, after, "m1").stream().map(ClusterEvent::type).toList();
  }

  @Test
  void electionIsALeaderChangeNotAFloodOfAdditions() {
    StateSnapshot led = new StateSnapshot(true, List.of(agent("a1", AgentState.RECOVERING)), List.of(
        new StateSnapshot.FrameworkView("f1", "fw", List.of("*"), false, 0)), List.of());
    assertEquals(List.of("LEADER_CHANGED"), types(StateSnapshot.EMPTY, led));
    assertEquals(List.of("LEADER_CHANGED"), types(led, StateSnapshot.EMPTY));
  }

  @Test
  void agentsFrameworksAndTasksChanging() {
    StateSnapshot one = new StateSnapshot(true, List.of(agent("a1", AgentState.ACTIVE)), List.of(
        new StateSnapshot.FrameworkView("f1", "fw", List.of("*"), true, 1)), List.of(task("t1", TaskState.STAGING)));
    StateSnapshot two = new StateSnapshot(true, List.of(agent("a1", AgentState.UNREACHABLE),
        agent("a2", AgentState.ACTIVE)), List.of(), List.of(task("t1", TaskState.LOST), task("t2", TaskState.RUNNING)));
    assertEquals(List.of("AGENT_UNREACHABLE", "AGENT_ADDED", "FRAMEWORK_REMOVED", "TASK_UPDATED", "TASK_UPDATED"),
        types(one, two));
    assertEquals(List.of("AGENT_ADDED"), types(two, new StateSnapshot(true, List.of(agent("a1", AgentState.ACTIVE),
        agent("a2", AgentState.ACTIVE)), List.of(), two.tasks())));
    assertEquals(List.of(), types(two, two));
  }
}
