package dev.drover.apps.runtime;

import java.util.List;

/** The apps a request touches are locked by deployments in flight; retry with {@code ?force=true}. */
public final class ConflictException extends RuntimeException {
  private final List<String> deploymentIds;

  public ConflictException(List<String> deploymentIds) {
    super("App is locked by one or more deployments. Override with the option '?force=true'. View details at "
        + "'/v2/deployments/<DEPLOYMENT_ID>'.");
    this.deploymentIds = List.copyOf(deploymentIds);
  }

  public List<String> deploymentIds() {
    return deploymentIds;
  }
}
