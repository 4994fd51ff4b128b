package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.DeploymentConflictException;
import dev.drover.apps.engine.DeploymentRef;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.KillRequest;
import dev.drover.apps.engine.KillResult;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnknownAppException;
import dev.drover.apps.engine.deploy.Deployment;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.KillReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kills asked for through the API, on the engine's loop: selects the instances, checks (with {@code scale}) that no
 * deployment in flight holds their apps, persists each STOP (or, with {@code wipe}, forgets the instance) before the
 * kill is sent, and with {@code scale} deploys the lowered instance counts.
 */
final class KillOps {
  private final EngineState s;
  private final Reconciliation reconciliation;
  private final DeploymentOps deployments;

  KillOps(EngineState s, Reconciliation reconciliation, DeploymentOps deployments) {
    this.s = s;
    this.reconciliation = reconciliation;
    this.deployments = deployments;
  }

  KillResult kill(KillRequest r, Instant version) {
    r.appId().ifPresent(a -> {
      if (!s.apps.containsKey(a) && !s.byApp.containsKey(a)) {
        throw new UnknownAppException(a);
      }
    });
    List<Instance> chosen = new ArrayList<>();
    if (!r.taskIds().isEmpty()) {
      for (String id : r.taskIds()) {
        Instance i = s.instances.get(id);
        if (i != null && r.appId().map(a -> a.equals(i.appId())).orElse(true)
            && r.host().map(h -> h.equals(i.host())).orElse(true)) {
          chosen.add(i);
        }
      }
    } else {
      for (Instance i : s.instancesOf(r.appId().orElseThrow())) {
        if (r.host().map(h -> h.equals(i.host())).orElse(true)) {
          chosen.add(i);
        }
      }
    }
    Map<String, Integer> perApp = new LinkedHashMap<>();
    chosen.stream().filter(i -> i.goal() == Instance.Goal.RUN).forEach(i -> perApp.merge(i.appId(), 1, Integer::sum));
    if (r.scale()) {
      List<String> conflicts = s.deployments.stream()
          .filter(d -> perApp.keySet().stream().anyMatch(a -> d.affectedApps().contains(a)))
          .map(Deployment::id).toList();
      if (!conflicts.isEmpty()) {
        throw new DeploymentConflictException(conflicts);
      }
    }
    List<InstanceView> killed = new ArrayList<>();
    for (Instance i : chosen) {
      AppState st = s.apps.get(i.appId());
      killed.add(Views.instance(i, st == null ? null : st.spec()));
      if (r.wipe()) {
        s.removeInstance(i.taskId());
        s.driver.kill(i.taskId(), Optional.of(i.agentId()).filter(a -> !a.isEmpty()));
      } else {
        reconciliation.kill(i, KillReason.REQUESTED);
      }
    }
    Map<String, RunSpec> scaled = new LinkedHashMap<>();
    DeploymentRef ref = null;
    if (r.scale() && !perApp.isEmpty()) {
      List<AppChange> changes = new ArrayList<>();
      perApp.forEach((app, n) -> {
        AppState st = s.apps.get(app);
        if (st != null && st.phase() == AppState.Phase.RUNNING) {
          RunSpec next = st.spec().scaledTo(Math.max(0, st.spec().instances() - n), version);
          scaled.put(app, next);
          changes.add(new AppChange.Put(next));
        }
      });
      if (!changes.isEmpty()) {
        ref = deployments.deploy(new DeploymentRequest(changes, version, false));
      }
    }
    return new KillResult(killed, scaled, ref);
  }
}
