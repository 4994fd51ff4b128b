package dev.drover.apps.engine.reconcile;

import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.deploy.RestartStrategy;
import dev.drover.apps.engine.instance.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Diffs one app's desired state against its observed instances: a pure function (STYLE 7). The engine applies the
 * decision (persisting first) and bounds how many kills and launches it carries out per round.
 *
 * <p>Rules, in order: instances unreachable for {@code expungeAfterSeconds} are forgotten; instances unreachable for
 * {@code inactiveAfterSeconds} no longer count (so they are replaced); instances the agent reports unhealthy are
 * killed and do not count. The remaining <em>active</em> instances are compared with the target: in a rolling
 * replacement (a deployment restarts the app) old-config instances that are not ready are killed, ready ones as
 * {@link RestartStrategy} allows, and new ones start within its capacity; otherwise surplus instances are killed
 * (not-ready ones first, then by {@link KillSelection}) and missing ones launched.
 */
public final class AppReconciler {
  private AppReconciler() {}

  /**
   * Decides for one app.
   *
   * @param spec the target spec; null when the app is being removed
   * @param configVersion the target config version (instances launched with another one are old)
   * @param wanted how many instances to run (the spec's, or the eligible agents for a global app)
   * @param rolling whether a deployment is replacing the app's instances now
   * @param instances the app's instances, not terminal
   * @param now the current time
   */
  public static Decision decide(RunSpec spec, Instant configVersion, int wanted, boolean rolling,
      List<Instance> instances, Instant now) {
    List<Decision.Kill> kills = new ArrayList<>();
    List<String> expunge = new ArrayList<>();
    List<Instance> live = instances.stream().filter(i -> i.goal() == Instance.Goal.RUN).toList();
    if (spec == null) {
      live.forEach(i -> kills.add(new Decision.Kill(i.taskId(), KillReason.APP_REMOVED)));
      return new Decision(kills, expunge, 0, instances.isEmpty(), 0, 0);
    }
    boolean hc = spec.healthCheck().isPresent();
    List<Instance> active = new ArrayList<>();
    for (Instance i : live) {
      if (spec.unreachableStrategy().isPresent() && i.state() == dev.drover.model.TaskState.UNREACHABLE) {
        Duration d = i.unreachableFor(now);
        var u = spec.unreachableStrategy().get();
        if (d.compareTo(Duration.ofSeconds(u.expungeAfterSeconds())) >= 0) {
          expunge.add(i.taskId());
          continue;
        }
        if (d.compareTo(Duration.ofSeconds(u.inactiveAfterSeconds())) >= 0) {
          continue;
        }
      }
      if (i.isUnhealthy()) {
        kills.add(new Decision.Kill(i.taskId(), KillReason.UNHEALTHY));
        continue;
      }
      active.add(i);
    }
    Comparator<Instance> order = killOrder(spec.killSelection(), hc);
    if (rolling) {
      List<Instance> old = active.stream().filter(i -> !i.configVersion().equals(configVersion)).toList();
      int newActive = active.size() - old.size();
      int ready = (int) active.stream().filter(i -> i.isReady(hc)).count();
      RestartStrategy rs = RestartStrategy.of(wanted, spec.upgradeStrategy(), ready);
      int newReadyNow = (int) active.stream().filter(i -> i.configVersion().equals(configVersion) && i.isReady(hc))
          .count();
      int readyKillsLeft = rs.readyOldToKill(wanted, ready,
          newReadyNow + (int) old.stream().filter(i -> i.isReady(hc)).count());
      if (readyKillsLeft > 0 && readyKillsLeft < old.size()) {
        old = old.stream().sorted(order).toList();  // only when it matters which ones go
      }
      int killedOld = 0;
      for (Instance i : old) {
        if (!i.isReady(hc)) {
          kills.add(new Decision.Kill(i.taskId(), KillReason.UPGRADE));
          killedOld++;
        } else if (readyKillsLeft > 0) {
          kills.add(new Decision.Kill(i.taskId(), KillReason.UPGRADE));
          readyKillsLeft--;
          killedOld++;
        }
      }
      int toStart = rs.toStart(wanted, active.size() - killedOld, newActive);
      int newReady = (int) active.stream().filter(i -> i.configVersion().equals(configVersion) && i.isReady(hc))
          .count();
      boolean done = old.isEmpty() && newActive == wanted && newReady == wanted;
      return new Decision(kills, expunge, toStart, done, newReady, old.size() - killedOld);
    }
    int surplus = active.size() - wanted;
    if (surplus > 0) {
      List<Instance> sorted = active.stream().sorted(order).toList();
      for (int k = 0; k < surplus; k++) {
        kills.add(new Decision.Kill(sorted.get(k).taskId(), KillReason.SCALE_DOWN));
      }
    }
    int ready = (int) active.stream().filter(i -> i.isReady(hc)).count();
    boolean done = active.size() == wanted && ready == wanted;
    return new Decision(kills, expunge, Math.max(0, wanted - active.size()), done, Math.min(ready, wanted), 0);
  }

  /** Kill priority: not-ready instances first, then youngest (or oldest) first by start, then launch time. */
  static Comparator<Instance> killOrder(KillSelection selection, boolean hc) {
    Comparator<Instance> byAge = Comparator.comparing(
        (Instance i) -> i.startedAt() == null ? Instant.MAX : i.startedAt())
        .thenComparing(Instance::stagedAt).thenComparing(Instance::taskId);
    Comparator<Instance> age = selection == KillSelection.YOUNGEST_FIRST ? byAge.reversed() : byAge;
    return Comparator.comparing((Instance i) -> i.isReady(hc)).thenComparing(age);
  }
}
