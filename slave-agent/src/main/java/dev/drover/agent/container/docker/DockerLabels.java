package dev.drover.agent.container.docker;

import dev.drover.agent.task.TaskKey;
import java.util.Map;

/** The labels and names by which the agent knows its containers again (after a restart too). */
public final class DockerLabels {
  public static final String TASK = "dev.drover.task";
  public static final String FRAMEWORK = "dev.drover.framework";
  public static final String AGENT = "dev.drover.agent";

  private DockerLabels() {}

  public static Map<String, String> of(TaskKey key, String agentId) {
    return Map.of(TASK, key.taskId(), FRAMEWORK, key.frameworkId(), AGENT, agentId);
  }

  /** {@code drover-<task>}, with characters Docker does not allow in names replaced by '_'. */
  public static String containerName(TaskKey key) {
    return "drover-" + key.taskId().replaceAll("[^a-zA-Z0-9_.-]", "_");
  }
}
