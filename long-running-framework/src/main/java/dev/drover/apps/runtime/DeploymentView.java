package dev.drover.apps.runtime;

import java.util.List;

/**
 * A deployment as {@code GET /v2/deployments} shows it: its id, the version it deploys, the apps it touches, its
 * steps (each a list of actions such as StartApplication, ScaleApplication, RestartApplication, StopApplication)
 * and which step runs now (1-based).
 */
public record DeploymentView(String id, String version, List<String> affectedApps, List<List<Action>> steps,
    int currentStep) {
  /** One action of a step: what happens to which app. */
  public record Action(String action, String app) {}

  public DeploymentView {
    affectedApps = List.copyOf(affectedApps);
    steps = steps.stream().map(List::copyOf).toList();
  }
}
