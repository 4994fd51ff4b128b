package dev.drover.master.framework;

import dev.drover.master.launch.TaskSpec;
import java.util.List;

/** A call from a subscribed framework, decoded from the wire. {@code refuseSeconds} is null when not given. */
public sealed interface FrameworkCall {
  /** ACCEPT; {@code launch} false when it carried no LAUNCH operation (then it is a decline). */
  record Accept(List<String> offerIds, boolean launch, List<TaskSpec> tasks, Double refuseSeconds)
      implements FrameworkCall {}

  record Decline(List<String> offerIds, Double refuseSeconds) implements FrameworkCall {}

  /** REVIVE of these roles; empty: all the framework's roles. */
  record Revive(List<String> roles) implements FrameworkCall {
    public Revive() {
      this(List.of());
    }
  }

  /** SUPPRESS of these roles; empty: all the framework's roles. */
  record Suppress(List<String> roles) implements FrameworkCall {
    public Suppress() {
      this(List.of());
    }
  }

  record Kill(String taskId, String agentId, Double gracePeriodSeconds) implements FrameworkCall {}

  record Acknowledge(String agentId, String taskId, byte[] uuid) implements FrameworkCall {}

  /**
   * Empty {@code taskIds}: implicit reconciliation of all the framework's tasks. {@code agentIds} is parallel to
   * {@code taskIds} (an empty string where the framework gave no agent), or empty.
   */
  record Reconcile(List<String> taskIds, List<String> agentIds) implements FrameworkCall {
    public Reconcile(List<String> taskIds) {
      this(taskIds, List.of());
    }

    public String agentOf(int i) {
      return i < agentIds.size() ? agentIds.get(i) : "";
    }
  }

  record Teardown() implements FrameworkCall {}

  record UpdateFramework(FrameworkDescriptor info) implements FrameworkCall {}

  /** A call the master does not handle yet (MESSAGE, operations other than LAUNCH...). */
  record Unsupported(String what) implements FrameworkCall {}
}
