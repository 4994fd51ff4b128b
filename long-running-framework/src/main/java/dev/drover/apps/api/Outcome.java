package dev.drover.apps.api;

import dev.drover.apps.model.AppDefinition;
import java.util.List;

/**
 * What a change request did: the version it stored, the deployment that carries it out, whether it created
 * something (201 rather than 200), and the apps as stored.
 */
public record Outcome(String version, String deploymentId, boolean created, List<AppDefinition> apps) {
  public Outcome {
    apps = List.copyOf(apps);
  }
}
