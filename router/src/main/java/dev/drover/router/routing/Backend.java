package dev.drover.router.routing;

import java.util.List;

/**
 * One instance of an app as the router last learned it. Immutable; updates swap whole records.
 *
 * @param taskId the task (instance) id
 * @param appId its app
 * @param host the agent's host name or address
 * @param ports its host ports, by port index
 * @param running whether it was last reported TASK_RUNNING
 * @param healthy the last health result, or null when none is known
 * @param draining whether the apps framework announced it as draining (it is about to be killed)
 */
public record Backend(String taskId, String appId, String host, List<Integer> ports, boolean running,
    Boolean healthy, boolean draining) {

  public Backend {
    ports = List.copyOf(ports);
  }

  /** Whether it may take traffic: running, not draining and, when {@code healthChecked}, healthy. */
  public boolean ready(boolean healthChecked) {
    return running && !draining && (!healthChecked || Boolean.TRUE.equals(healthy));
  }

  public Backend withHealthy(Boolean h) {
    return new Backend(taskId, appId, host, ports, running, h, draining);
  }

  public Backend asDraining() {
    return new Backend(taskId, appId, host, ports, running, healthy, true);
  }
}
