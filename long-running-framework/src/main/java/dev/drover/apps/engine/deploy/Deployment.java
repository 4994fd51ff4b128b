package dev.drover.apps.engine.deploy;

import dev.drover.apps.engine.RunSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deployment in flight: a plan of steps and how far it got. Immutable; the engine stores a new record for each
 * step it completes.
 *
 * @param id the deployment id
 * @param version its version
 * @param steps the steps; the actions of one step run together
 * @param current index of the step being carried out (0-based); {@code steps.size()} once done
 * @param targets per app started, scaled or restarted: the spec it moves to
 * @param previous per affected app that existed before: the spec it had (for rollback)
 * @param failedNew per app: new-version instances that failed or turned unhealthy without one becoming ready
 * @param sawReady apps that had a new-version instance become ready in this deployment
 * @param previousConfig per affected app that existed before: its config version then (for rollback)
 * @param targetConfig per app: the config version to restart to instead of its target's version (a rollback
 *     returns to the instances of the previous config instead of replacing them)
 */
public record Deployment(String id, Instant version, List<List<Action>> steps, int current,
    Map<String, RunSpec> targets, Map<String, RunSpec> previous, Map<String, Integer> failedNew,
    Set<String> sawReady, Map<String, Instant> previousConfig, Map<String, Instant> targetConfig) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    steps = steps.stream().map(List::copyOf).toList();
    targets = Map.copyOf(targets);
    previous = Map.copyOf(previous);
    failedNew = Map.copyOf(failedNew);
    sawReady = Set.copyOf(sawReady);
    previousConfig = previousConfig == null ? Map.of() : Map.copyOf(previousConfig);
    targetConfig = targetConfig == null ? Map.of() : Map.copyOf(targetConfig);
  }

  /** This deployment restarting apps to the given config versions. */
  public Deployment withTargetConfig(Map<String, Instant> configs) {
    return new Deployment(id, version, steps, current, targets, previous, failedNew, sawReady, previousConfig,
        configs);
  }

  /** Every app the deployment changes, in step order. */
  public Set<String> affectedApps() {
    Set<String> apps = new LinkedHashSet<>();
    steps.forEach(s -> s.forEach(a -> apps.add(a.appId())));
    return apps;
  }

  /** The actions being carried out now (empty once done). */
  public List<Action> currentActions() {
    return current < steps.size() ? steps.get(current) : List.of();
  }

  /** The action for {@code appId} in the current step, if any. */
  public java.util.Optional<Action> currentAction(String appId) {
    return currentActions().stream().filter(a -> a.appId().equals(appId)).findFirst();
  }

  public boolean isDone() {
    return current >= steps.size();
  }

  /** This deployment moved to the next step. */
  public Deployment advanced() {
    return new Deployment(id, version, steps, current + 1, targets, previous, failedNew, sawReady, previousConfig,
        targetConfig);
  }

  /** This deployment with one more failed new instance of {@code appId}. */
  public Deployment withFailure(String appId) {
    Map<String, Integer> f = new HashMap<>(failedNew);
    f.merge(appId, 1, Integer::sum);
    return new Deployment(id, version, steps, current, targets, previous, f, sawReady, previousConfig, targetConfig);
  }

  /** This deployment having seen a ready new instance of {@code appId}. */
  public Deployment withReady(String appId) {
    Set<String> s = new LinkedHashSet<>(sawReady);
    s.add(appId);
    return new Deployment(id, version, steps, current, targets, previous, failedNew, s, previousConfig, targetConfig);
  }
}
