package dev.drover.agent.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a task runs with: its own variables, then the agent's: {@code DROVER_TASK_ID},
 * {@code DROVER_FRAMEWORK_ID}, {@code DROVER_AGENT_ID}, {@code DROVER_SANDBOX}, {@code HOST}, and for its port
 * resources {@code PORT0..n}, {@code PORT} (the first) and {@code PORTS} (comma-separated).
 */
final class TaskEnvironment {
  private TaskEnvironment() {}

  static Map<String, String> of(TaskSpec spec, Path sandbox, String agentId, String hostname) {
    Map<String, String> env = new HashMap<>(spec.command().environment());
    env.put("DROVER_TASK_ID", spec.key().taskId());
    env.put("DROVER_FRAMEWORK_ID", spec.key().frameworkId());
    env.put("DROVER_AGENT_ID", agentId);
    env.put("DROVER_SANDBOX", sandbox.toAbsolutePath().toString());
    env.put("HOST", hostname);
    List<Long> ports = ports(spec);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      env.put("PORT" + i, Long.toString(ports.get(i)));
      names.add(Long.toString(ports.get(i)));
    }
    if (!ports.isEmpty()) {
      env.put("PORT", Long.toString(ports.get(0)));
      env.put("PORTS", String.join(",", names));
    }
    return env;
  }

  /** The task's host ports, lowest first. */
  static List<Long> ports(TaskSpec spec) {
    return spec.resources().ports().first((int) Math.min(spec.resources().ports().size(), 10_000));
  }
}
