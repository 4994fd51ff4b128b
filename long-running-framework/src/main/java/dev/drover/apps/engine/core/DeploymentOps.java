package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.DeploymentConflictException;
import dev.drover.apps.engine.DeploymentRef;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnknownAppException;
import dev.drover.apps.engine.UnknownDeploymentException;
import dev.drover.apps.engine.deploy.Action;
import dev.drover.apps.engine.deploy.Deployment;
import dev.drover.apps.engine.deploy.DeploymentPlanner;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments on the engine's loop: start one (plan, persist, apply its first step), move through the steps as the
 * reconciler reports each app done, roll back or abandon, and the automatic rollback: when a restart's new instances
 * fail or turn unhealthy {@code autoRollbackAfter} times before any of them became ready, the deployment is rolled
 * back (a new deployment to the previous specs) and a {@code deployment_failed} event says why.
 */
final class DeploymentOps {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentOps.class);
  private final EngineState s;

  DeploymentOps(EngineState s) {
    this.s = s;
  }

  DeploymentRef deploy(DeploymentRequest r) {
    return deploy(r, Map.of());
  }

  private DeploymentRef deploy(DeploymentRequest r, Map<String, Instant> targetConfig) {
    List<Deployment> conflicts = s.deployments.stream().filter(d -> r.changes().stream()
        .anyMatch(c -> d.affectedApps().contains(c.appId()))).toList();
    if (!conflicts.isEmpty() && !r.force()) {
      throw new DeploymentConflictException(conflicts.stream().map(Deployment::id).toList());
    }
    for (AppChange c : r.changes()) {
      if (!(c instanceof AppChange.Put) && !s.apps.containsKey(c.appId())) {
        throw new UnknownAppException(c.appId());
      }
    }
    conflicts.forEach(d -> abandon(d, "canceled by deployment with force"));
    Map<String, RunSpec> current = new LinkedHashMap<>();
    s.apps.forEach((id, st) -> current.put(id, st.phase() == AppState.Phase.WAITING ? null : st.spec()));
    current.values().removeIf(java.util.Objects::isNull);
    Map<String, Instant> configs = new LinkedHashMap<>();
    current.keySet().forEach(a -> configs.put(a, s.apps.get(a).configVersion()));
    Deployment d = DeploymentPlanner.plan(s.uuids.get(), r.version(), r.changes(), current, configs)
        .withTargetConfig(targetConfig);
    for (Action a : d.steps().stream().flatMap(List::stream).toList()) {
      if (a.kind() == Action.Kind.StartApplication && !current.containsKey(a.appId())) {
        RunSpec t = d.targets().get(a.appId());
        s.putApp(a.appId(), new AppState(t, t.version(), AppState.Phase.WAITING));
      }
    }
    s.putDeployment(d);
    startStep(d);
    s.emit(Events.deployment(EventTypes.DEPLOYMENT_INFO, Views.deployment(d, s.progress, s.apps), s.now(), null));
    return new DeploymentRef(d.id(), Views.time(d.version()));
  }

  DeploymentRef rollback(String id, boolean force) {
    Deployment d = s.deployment(id).orElseThrow(() -> new UnknownDeploymentException(id));
    if (force) {
      abandon(d, "canceled");
      return new DeploymentRef(d.id(), Views.time(d.version()));
    }
    return rollBack(d, "rolled back");
  }

  private DeploymentRef rollBack(Deployment d, String reason) {
    abandon(d, reason);
    List<AppChange> changes = new ArrayList<>();
    for (String app : d.affectedApps()) {
      RunSpec prev = d.previous().get(app);
      if (prev != null) {
        changes.add(new AppChange.Put(prev));
      } else if (s.apps.containsKey(app)) {
        changes.add(new AppChange.Remove(app));
      }
    }
    if (changes.isEmpty()) {
      return new DeploymentRef(d.id(), Views.time(d.version()));
    }
    return deploy(new DeploymentRequest(changes, s.now(), true), d.previousConfig());
  }

  /** Drops {@code d} where it is; its apps keep their current targets. Apps it created but never started go. */
  void abandon(Deployment d, String reason) {
    s.removeDeployment(d.id());
    for (String app : d.affectedApps()) {
      AppState st = s.apps.get(app);
      if (st != null && st.phase() == AppState.Phase.WAITING && s.activeFor(app).isEmpty()) {
        s.removeApp(app);
      }
    }
    s.emit(Events.deployment(EventTypes.DEPLOYMENT_FAILED, Views.deployment(d, s.progress, s.apps), s.now(),
        reason));
  }

  /** Applies the targets of {@code d}'s current step (persisting each app first). */
  void startStep(Deployment d) {
    for (Action a : d.currentActions()) {
      AppState st = s.apps.get(a.appId());
      RunSpec t = d.targets().get(a.appId());
      s.progress.remove(a.appId());
      s.delays.remove(a.appId());
      switch (a.kind()) {
        case StartApplication -> s.putApp(a.appId(), new AppState(t, st != null && st.phase()
            != AppState.Phase.WAITING && st.spec().sameConfig(t) ? st.configVersion() : t.version(),
            AppState.Phase.RUNNING));
        case ScaleApplication -> s.putApp(a.appId(), new AppState(t, st == null ? t.version() : st.configVersion(),
            AppState.Phase.RUNNING));
        case RestartApplication -> s.putApp(a.appId(), new AppState(t,
            d.targetConfig().getOrDefault(a.appId(), t.version()), AppState.Phase.RUNNING));
        case StopApplication -> {
          if (st != null) {
            s.putApp(a.appId(), new AppState(st.spec(), st.configVersion(), AppState.Phase.REMOVING));
          }
        }
      }
    }
  }

  /** Moves every deployment whose current step is done to its next step; true if any moved. */
  boolean advance() {
    boolean moved = false;
    for (Deployment d : List.copyOf(s.deployments)) {
      if (!d.currentActions().stream().allMatch(this::done)) {
        continue;
      }
      Deployment next = d.advanced();
      moved = true;
      if (next.isDone()) {
        s.removeDeployment(d.id());
        s.emit(Events.deployment(EventTypes.DEPLOYMENT_STEP_SUCCESS, Views.deployment(d, s.progress, s.apps),
            s.now(), null));
        s.emit(Events.deployment(EventTypes.DEPLOYMENT_SUCCESS, Views.deployment(next, s.progress, s.apps),
            s.now(), null));
        LOG.info("Deployment {} succeeded", d.id());
      } else {
        s.putDeployment(next);
        s.emit(Events.deployment(EventTypes.DEPLOYMENT_STEP_SUCCESS, Views.deployment(d, s.progress, s.apps),
            s.now(), null));
        startStep(next);
      }
    }
    return moved;
  }

  private boolean done(Action a) {
    if (a.kind() == Action.Kind.StopApplication) {
      return !s.apps.containsKey(a.appId());
    }
    Decision p = s.progress.get(a.appId());
    return p != null && p.done();
  }

  /** A new-version instance of a restarting app failed or turned unhealthy before being ready. */
  void newInstanceFailed(Instance i) {
    Optional<Deployment> d = restartOf(i);
    if (d.isEmpty() || d.get().sawReady().contains(i.appId())) {
      return;
    }
    Deployment next = d.get().withFailure(i.appId());
    s.putDeployment(next);
    int n = next.failedNew().getOrDefault(i.appId(), 0);
    if (s.options.autoRollbackAfter() > 0 && n >= s.options.autoRollbackAfter()
        && next.previous().containsKey(i.appId())) {
      LOG.warn("Deployment {}: {} new instances of {} failed without one becoming ready; rolling back", next.id(), n,
          i.appId());
      rollBack(next, "automatic rollback: " + n + " new instances of " + i.appId()
          + " failed or were unhealthy before any became ready");
    }
  }

  /** A new-version instance of a restarting app became ready. */
  void newInstanceReady(Instance i) {
    restartOf(i).filter(d -> !d.sawReady().contains(i.appId())).ifPresent(d -> s.putDeployment(d.withReady(i.appId())));
  }

  private Optional<Deployment> restartOf(Instance i) {
    AppState st = s.apps.get(i.appId());
    if (st == null || !st.configVersion().equals(i.configVersion())) {
      return Optional.empty();
    }
    return s.activeFor(i.appId()).filter(d -> d.currentAction(i.appId())
        .map(a -> a.kind() == Action.Kind.RestartApplication).orElse(false));
  }

  /** The version for an engine-made deployment. */
  Instant version() {
    return s.now();
  }
}
