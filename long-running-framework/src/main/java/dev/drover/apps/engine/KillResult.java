package dev.drover.apps.engine;

import java.util.List;
import java.util.Map;

/**
 * What a kill did. Immutable, JSON-friendly.
 *
 * @param killed the instances a kill was sent for (their state as it was)
 * @param scaledTo with {@code scale}: per app, the new spec (the caller stores it as the app's new version)
 * @param deployment with {@code scale}: the deployment that carries the new instance counts, or null
 */
public record KillResult(List<InstanceView> killed, Map<String, RunSpec> scaledTo, DeploymentRef deployment) {
  public KillResult {
    killed = List.copyOf(killed);
    scaledTo = Map.copyOf(scaledTo);
  }
}
