package dev.drover.apps.engine.core;

import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.deploy.Action;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.reconcile.AppReconciler;
import dev.drover.apps.engine.reconcile.Decision;
import dev.drover.apps.engine.reconcile.KillReason;
import dev.drover.apps.engine.reconcile.LaunchDelay;
import dev.drover.sdk.placement.Constraint;
import dev.drover.sdk.placement.Constraints;
import dev.drover.sdk.placement.Operator;
import dev.drover.sdk.placement.Peer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reconciliation round on the engine's loop: asks {@link AppReconciler} per app, carries out its kills (at most
 * {@code maxKillsPerRound}; kills are persisted as the instance's STOP goal before they are sent), forgets expunged
 * instances, re-sends kills unanswered for 30 s (and, on a new leader, every kill its predecessor sent), records how
 * many launches each app waits for, resets back-offs after a successful run, kills tasks of
 * apps the engine does not know, then lets deployments advance.
 */
final class Reconciliation {
  /** How long a kill may go unanswered before it is sent again. */
  static final java.time.Duration KILL_RETRY = java.time.Duration.ofSeconds(30);
  private final EngineState s;
  private final DeploymentOps deployments;

  Reconciliation(EngineState s, DeploymentOps deployments) {
    this.s = s;
    this.deployments = deployments;
  }

  /** Reconciles {@code appIds} (all apps when null), then advances deployments, repeating while any step moves. */
  void run(Collection<String> appIds) {
    Set<String> todo = new LinkedHashSet<>(appIds == null ? allApps() : appIds);
    for (int pass = 0; pass < 10; pass++) {
      int kills = 0;
      for (String app : todo) {
        kills += reconcile(app, s.options.maxKillsPerRound() - kills);
      }
      if (!deployments.advance()) {
        return;
      }
      todo = allApps();
    }
  }

  private Set<String> allApps() {
    Set<String> all = new LinkedHashSet<>(s.apps.keySet());
    all.addAll(s.byApp.keySet());
    return all;
  }

  private int reconcile(String appId, int killBudget) {
    Instant now = s.now();
    AppState st = s.apps.get(appId);
    List<Instance> inst = s.instancesOf(appId);
    resendKills(inst, now);
    if (st == null) {
      int k = 0;
      for (Instance i : inst) {
        if (i.goal() == Instance.Goal.RUN && k < killBudget) {
          kill(i, KillReason.APP_REMOVED);
          k++;
        }
      }
      return k;
    }
    RunSpec spec = st.phase() == AppState.Phase.REMOVING ? null : st.spec();
    boolean rolling = s.activeFor(appId).flatMap(d -> d.currentAction(appId))
        .map(a -> a.kind() == Action.Kind.RestartApplication).orElse(false);
    int k = 0;
    int wanted;
    if (st.phase() == AppState.Phase.RUNNING && st.spec().isGlobal()) {
      Set<String> eligible = eligibleAgents(st.spec());
      wanted = eligible.size();
      List<Instance> kept = new ArrayList<>();
      for (Instance i : inst) {
        if (i.goal() == Instance.Goal.RUN && !i.agentId().isEmpty() && !eligible.contains(i.agentId())) {
          if (k < killBudget) {
            kill(i, KillReason.AGENT_INELIGIBLE);
            k++;
          }
        } else {
          kept.add(i);
        }
      }
      inst = kept;
    } else {
      wanted = st.phase() != AppState.Phase.RUNNING ? 0 : st.spec().instances();
    }
    Decision d = AppReconciler.decide(spec, st.configVersion(), wanted, rolling, inst, now);
    s.progress.put(appId, d);
    for (String taskId : d.expunge()) {
      Instance i = s.instances.get(taskId);
      s.removeInstance(taskId);
      if (i != null) {
        s.driver.kill(taskId, Optional.of(i.agentId()).filter(a -> !a.isEmpty()));
        s.emit(Events.instanceChanged(i.withState(dev.drover.model.TaskState.GONE), now));
      }
    }
    for (Decision.Kill kill : d.kills()) {
      if (k >= killBudget) {
        break;
      }
      Instance i = s.instances.get(kill.taskId());
      if (i != null) {
        kill(i, kill.reason());
        k++;
      }
    }
    int before = s.waiting.getOrDefault(appId, 0);
    if (d.toLaunch() > 0) {
      s.waiting.put(appId, d.toLaunch());
    } else {
      s.waiting.remove(appId);
      s.rejects.remove(appId);
      s.lastUnused.remove(appId);
    }
    if (before != d.toLaunch()) {
      s.dirty.add(appId);
    }
    LaunchDelay delay = s.delays.get(appId);
    if (spec != null && delay != null
        && inst.stream().anyMatch(i -> delay.resetBy(i.readySince(), s.options.successfulRun(), now))) {
      s.delays.remove(appId);
      s.dirty.add(appId);
    }
    if (st.phase() == AppState.Phase.REMOVING && d.done()) {
      s.removeApp(appId);
      s.emit(Events.simple(EventTypes.APP_TERMINATED, now, Map.of("appId", appId)));
    }
    return k;
  }

  /** Re-sends kills not answered within {@code KILL_RETRY} (or never sent by this leader). */
  private void resendKills(List<Instance> inst, Instant now) {
    for (Instance i : inst) {
      if (i.goal() == Instance.Goal.STOP) {
        Instant drained = s.drainUntil.get(i.taskId());
        if (drained != null) {
          if (drained.isAfter(now)) {
            continue;
          }
          s.drainUntil.remove(i.taskId());
        }
        Instant sent = s.killSent.get(i.taskId());
        if (sent == null || !sent.plus(KILL_RETRY).isAfter(now)) {
          s.killSent.put(i.taskId(), now);
          s.driver.kill(i.taskId(), Optional.of(i.agentId()).filter(a -> !a.isEmpty()));
        }
      }
    }
  }

  /**
   * Kills {@code i}: persists the STOP goal, then sends the kill — or, for a running instance with a drain period
   * ({@link Drain}), announces it as draining and leaves the kill to {@link #resendKills} once the period is over.
   */
  void kill(Instance i, KillReason reason) {
    s.putInstance(i.stopping());
    AppState st = s.apps.get(i.appId());
    java.time.Duration drain = Drain.period(i, st == null ? null : st.spec(), reason, s.options.drain());
    if (!drain.isZero()) {
      s.drainUntil.put(i.taskId(), s.now().plus(drain));
      s.emit(Events.health(EventTypes.INSTANCE_DRAINING, i, s.now(), Map.of("host", i.host(), "ports", i.ports(),
          "drainSeconds", drain.toSeconds(), "reason", reason.name())));
      return;
    }
    s.killSent.put(i.taskId(), s.now());
    s.driver.kill(i.taskId(), Optional.of(i.agentId()).filter(a -> !a.isEmpty()));
    if (reason == KillReason.UNHEALTHY) {
      s.emit(Events.health(EventTypes.UNHEALTHY_INSTANCE_KILL, i, s.now(), Map.of("reason",
          "health check failed", "host", i.host(), "slaveId", i.agentId())));
    }
  }

  /**
   * Known agents (that offered resources, are not draining and were not lost) that pass the app's hard attribute
   * constraints: a global app runs one instance on each.
   */
  Set<String> eligibleAgents(RunSpec spec) {
    List<Peer> peers = peers();
    Set<String> out = new LinkedHashSet<>();
    for (dev.drover.sdk.placement.Instance agent : s.agents.values()) {
      boolean ok = true;
      for (Constraint c : spec.constraints()) {
        if (!c.soft() && c.operator() != Operator.GLOBAL && c.operator() != Operator.UNIQUE
            && c.operator() != Operator.MAX_PER && c.operator() != Operator.GROUP_BY
            && !Constraints.judge(c, agent, List.of(), peers, spec.appId()).pass()) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.add(agent.agentId());
      }
    }
    return out;
  }

  /** Every active instance, as the COLOCATE/SEPARATE constraints see it. */
  List<Peer> peers() {
    List<Peer> peers = new ArrayList<>();
    for (Instance i : s.instances.values()) {
      if (i.goal() == Instance.Goal.RUN && !i.agentId().isEmpty()) {
        AppState st = s.apps.get(i.appId());
        peers.add(new Peer(i.agentId(), i.appId(), st == null ? Map.of() : st.spec().labels()));
      }
    }
    return peers;
  }
}
