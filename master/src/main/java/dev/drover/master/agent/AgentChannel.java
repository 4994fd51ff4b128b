package dev.drover.master.agent;

import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import java.time.Duration;
import java.util.List;

/**
 * The master's side of one agent connection. Called only from the master's serial loop; implementations must not
 * block and must serialise their writes. Identity matters: a connection is one stream.
 */
public interface AgentChannel {
  void registered(String agentId, String masterId, Duration pingInterval);

  /** Launch tasks; each spec carries the agent's id. */
  void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks);

  /** @param gracePeriodSeconds the framework's override of the task's kill policy, or null */
  void killTask(String frameworkId, String taskId, Double gracePeriodSeconds);

  void acknowledge(String frameworkId, String taskId, byte[] uuid);

  void shutdownFramework(String frameworkId);

  void ping(long sequence);

  /** Ends the stream with UNAVAILABLE and this description. */
  void fail(String description);

  /** Ends the stream normally (it was replaced by a newer one). */
  void close();
}
