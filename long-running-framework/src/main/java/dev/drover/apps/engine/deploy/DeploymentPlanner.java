package dev.drover.apps.engine.deploy;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.RunSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a set of app changes into a deployment plan: a pure function of the changes and the apps' current specs.
 *
 * <p>Removals form the first step. The other changes follow in dependency order: a change joins the first step after
 * the steps of every app it depends on that this plan also changes; changes without such dependencies share the
 * first of these steps. Order within a step follows the request. A dependency cycle among the changed apps is
 * broken in request order (the caller validates cycles). Action kinds: a new app starts; an app whose config
 * ({@link RunSpec#sameConfig}) is unchanged scales; otherwise, and for an explicit restart, it restarts.
 */
public final class DeploymentPlanner {
  private DeploymentPlanner() {}

  /** Plans a deployment, taking each current spec's version as its config version. */
  public static Deployment plan(String id, Instant version, List<AppChange> changes, Map<String, RunSpec> current) {
    Map<String, Instant> configs = new LinkedHashMap<>();
    current.forEach((k, v) -> configs.put(k, v.version()));
    return plan(id, version, changes, current, configs);
  }

  /**
   * Plans a deployment.
   *
   * @param id the deployment id
   * @param version the deployment version
   * @param changes the changes
   * @param current the current spec of every app the engine runs
   * @param currentConfig the current config version of every app the engine runs
   */
  public static Deployment plan(String id, Instant version, List<AppChange> changes, Map<String, RunSpec> current,
      Map<String, Instant> currentConfig) {
    List<Action> stops = new ArrayList<>();
    Map<String, RunSpec> targets = new LinkedHashMap<>();
    Map<String, RunSpec> previous = new LinkedHashMap<>();
    Map<String, Action> byApp = new LinkedHashMap<>();
    for (AppChange c : changes) {
      RunSpec before = current.get(c.appId());
      if (before != null) {
        previous.put(c.appId(), before);
      }
      if (c instanceof AppChange.Remove r) {
        stops.add(new Action(Action.Kind.StopApplication, r.appId()));
      } else if (c instanceof AppChange.Restart r) {
        targets.put(r.appId(), r.spec());
        byApp.put(r.appId(), new Action(Action.Kind.RestartApplication, r.appId()));
      } else if (c instanceof AppChange.Put p) {
        targets.put(p.appId(), p.spec());
        Action.Kind kind = before == null ? Action.Kind.StartApplication
            : before.sameConfig(p.spec()) ? Action.Kind.ScaleApplication : Action.Kind.RestartApplication;
        byApp.put(p.appId(), new Action(kind, p.appId()));
      }
    }
    List<List<Action>> steps = new ArrayList<>();
    if (!stops.isEmpty()) {
      steps.add(stops);
    }
    Set<String> done = new HashSet<>();
    List<String> left = new ArrayList<>(byApp.keySet());
    while (!left.isEmpty()) {
      List<Action> step = new ArrayList<>();
      for (String app : left) {
        boolean ready = targets.get(app).dependencies().stream()
            .allMatch(d -> done.contains(d) || !byApp.containsKey(d) || d.equals(app));
        if (ready) {
          step.add(byApp.get(app));
        }
      }
      if (step.isEmpty()) {
        step.add(byApp.get(left.get(0)));  // a cycle: go in request order
      }
      step.forEach(a -> {
        done.add(a.appId());
        left.remove(a.appId());
      });
      steps.add(step);
    }
    Map<String, Instant> previousConfig = new LinkedHashMap<>();
    previous.keySet().forEach(a -> {
      if (currentConfig.containsKey(a)) {
        previousConfig.put(a, currentConfig.get(a));
      }
    });
    return new Deployment(id, version, steps, 0, targets, previous, Map.of(), Set.of(), previousConfig, Map.of());
  }
}
