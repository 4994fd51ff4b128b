package dev.drover.apps.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One instance of an app as the API shows it: Mesos-style state ({@code TASK_RUNNING}), where it runs, its host
 * ports, when it was staged and started, the app version it runs and its health (empty when it has no checks or no
 * result yet).
 */
public record TaskView(String id, String appId, String agentId, String host, List<Integer> ports, String state,
    String stagedAt, String startedAt, String version, Optional<Boolean> healthy) {
  public TaskView {
    ports = List.copyOf(ports);
    healthy = healthy == null ? Optional.empty() : healthy;
  }
}
