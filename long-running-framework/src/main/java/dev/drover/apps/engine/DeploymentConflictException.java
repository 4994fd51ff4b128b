package dev.drover.apps.engine;

import java.util.List;

/**
 * A deployment could not start because deployments in flight change some of the same apps (Marathon answers 409 with
 * their ids). Retry with {@code force} to cancel them.
 */
public final class DeploymentConflictException extends EngineException {
  private final List<String> deploymentIds;

  public DeploymentConflictException(List<String> deploymentIds) {
    super("app is locked by one or more deployments: " + deploymentIds);
    this.deploymentIds = List.copyOf(deploymentIds);
  }

  /** The conflicting deployments' ids. */
  public List<String> deploymentIds() {
    return deploymentIds;
  }
}
