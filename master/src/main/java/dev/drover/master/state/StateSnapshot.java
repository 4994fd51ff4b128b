package dev.drover.master.state;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable picture of the master's state, published by the serial loop after every command, read by HTTP.
 * Empty (no agents, frameworks or tasks) when this master is not leading.
 */
public record StateSnapshot(boolean leading, List<AgentView> agents, List<FrameworkView> frameworks,
    List<TaskView> tasks) {
  public static final StateSnapshot EMPTY = new StateSnapshot(false, List.of(), List.of(), List.of());

  public record AgentView(String id, String hostname, int port, boolean active, Resources resources,
      Resources used, Map<String, String> attributes, AgentState state) {}

  public record FrameworkView(String id, String name, List<String> roles, boolean active, int tasks) {}

  public record TaskView(String id, String name, String frameworkId, String agentId, TaskState state,
      Resources resources) {}

  public StateSnapshot {
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
    tasks = List.copyOf(tasks);
  }

  /** Takes a snapshot of a leading master's cluster. */
  public static StateSnapshot of(Cluster cluster) {
    List<AgentView> agents = new ArrayList<>();
    for (AgentEntry a : cluster.agents()) {
      Map<String, String> attributes = new TreeMap<>();
      a.info().attributes().forEach(at -> attributes.put(at.name(), at.display()));
      agents.add(new AgentView(a.id(), a.info().hostname(), a.info().port(), a.connected(), a.info().resources(),
          cluster.usedOn(a.id()), attributes, a.state()));
    }
    List<FrameworkView> frameworks = new ArrayList<>();
    for (FrameworkEntry f : cluster.frameworks()) {
      int live = (int) cluster.tasksOf(f.id()).stream().filter(t -> !t.state().isTerminal()).count();
      frameworks.add(new FrameworkView(f.id(), f.info().name(), f.info().roles(), f.connected(), live));
    }
    List<TaskView> tasks = new ArrayList<>();
    for (TaskEntry t : cluster.tasks()) {
      tasks.add(new TaskView(t.key().taskId(), t.name(), t.key().frameworkId(), t.agentId(), t.state(),
          t.resources()));
    }
    return new StateSnapshot(true, agents, frameworks, tasks);
  }
}
