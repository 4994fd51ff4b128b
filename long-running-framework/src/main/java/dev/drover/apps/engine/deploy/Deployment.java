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
 */
public record Deployment(String id, Instant version, List<List<Action>> steps, int current,
    Map<String, RunSpec> targets, Map<String, RunSpec> previous, Map<String, Integer> failedNew,
    Set<String> sawReady) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    steps = steps.stream().map(List::copyOf).toList();
    targets = Map.copyOf(targets);
    previous = Map.copyOf(previous);
    failedNew = Map.copyOf(failedNew);
    sawReady = Set.copyOf(sawReady);
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
    return new Deployment(id, version, steps, current + 1, targets, previous, failedNew, sawReady);
  }

  /** This deployment with one more failed new instance of {@code appId}. */
  public Deployment withFailure(String appId) {
    Map<String, Integer> f = new HashMap<>(failedNew);
    f.merge(appId, 1, Integer::sum);
    return new Deployment(id, version, steps, current, targets, previous, f, sawReady);
  }

  /** This deployment having seen a ready new instance of {@code appId}. */
  public Deployment withReady(String appId) {
    Set<String> s = new LinkedHashSet<>(sawReady);
    s.add(appId);
    return new Deployment(id, version, steps, current, targets, previous, failedNew, s);
  }
}
