package dev.drover.apps.engine;

import java.util.List;

/**
 * A deployment in flight, in the shape of Marathon's {@code /v2/deployments} items. Immutable, JSON-friendly.
 *
 * @param id the deployment id
 * @param version its version, ISO-8601
 * @param affectedApps ids of the apps it changes
 * @param steps every step, each a list of actions
 * @param currentActions the actions of the current step, with per-app progress
 * @param currentStep 1-based index of the step being carried out
 * @param totalSteps number of steps
 */
public record DeploymentView(String id, String version, List<String> affectedApps, List<Step> steps,
    List<CurrentAction> currentActions, int currentStep, int totalSteps) {
  public DeploymentView {
    affectedApps = List.copyOf(affectedApps);
    steps = List.copyOf(steps);
    currentActions = List.copyOf(currentActions);
  }

  /** One step: its actions run together. */
  public record Step(List<Action> actions) {
    public Step {
      actions = List.copyOf(actions);
    }
  }

  /**
   * One action of a step.
   *
   * @param action {@code StartApplication}, {@code ScaleApplication}, {@code RestartApplication} or
   *     {@code StopApplication} (Marathon's names)
   * @param app the app id
   */
  public record Action(String action, String app) {}

  /**
   * An action of the current step with its progress.
   *
   * @param action as in {@link Action}
   * @param app the app id
   * @param ready instances of the target version that are ready (healthy, or running without health checks)
   * @param target instances wanted at the end
   * @param oldInstances instances of an older version still running
   */
  public record CurrentAction(String action, String app, int ready, int target, int oldInstances) {}
}
