package dev.drover.apps.engine;

import java.util.List;
import java.util.Map;

/**
 * One instance (task) of an app, in the shape of Marathon's task JSON. Immutable, JSON-friendly: timestamps are
 * ISO-8601 strings with milliseconds, absent values are {@code null}.
 *
 * @param id the task id, {@code <app id without the leading slash, '/' → '_'>.instance-<uuid>}, e.g.
 *     {@code prod_web.instance-0f1e…}
 * @param appId the app id
 * @param slaveId the agent id (Marathon's name); empty before the task is placed
 * @param host the agent's hostname; empty before the task is placed
 * @param ports the host ports assigned to the task
 * @param servicePorts the app's service ports (from its port definitions or mappings)
 * @param state Mesos' state name, e.g. {@code TASK_RUNNING}
 * @param stagedAt when the task was launched
 * @param startedAt when it first ran, or null
 * @param version the app version it was launched with
 * @param healthCheckResults one result when the app has a health check and the agent reported one; else empty
 * @param healthy the last health result, or null when unknown or without a health check
 * @param labels the task's labels
 */
public record InstanceView(String id, String appId, String slaveId, String host, List<Integer> ports,
    List<Integer> servicePorts, String state, String stagedAt, String startedAt, String version,
    List<HealthResult> healthCheckResults, Boolean healthy, Map<String, String> labels) {
  public InstanceView {
    ports = List.copyOf(ports);
    servicePorts = List.copyOf(servicePorts);
    healthCheckResults = List.copyOf(healthCheckResults);
    labels = Map.copyOf(labels);
  }

  /**
   * One health check's state for a task (Marathon's {@code healthCheckResults} item).
   *
   * @param taskId the task
   * @param alive the last result
   * @param consecutiveFailures failed results in a row
   * @param firstSuccess first healthy result, or null
   * @param lastSuccess last healthy result, or null
   * @param lastFailure last unhealthy result, or null
   */
  public record HealthResult(String taskId, boolean alive, int consecutiveFailures, String firstSuccess,
      String lastSuccess, String lastFailure) {}
}
