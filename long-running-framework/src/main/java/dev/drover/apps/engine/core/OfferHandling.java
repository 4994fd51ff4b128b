package dev.drover.apps.engine.core;

import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.TaskFailureView;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.launch.TaskFactory;
import dev.drover.apps.engine.launch.TaskIds;
import dev.drover.apps.engine.placement.OfferMatcher;
import dev.drover.apps.engine.placement.Rejects;
import dev.drover.apps.engine.reconcile.LaunchDelay;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.placement.Fitness;
import dev.drover.sdk.placement.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of offers on the engine's loop: places what the apps wait for (apps not in back-off, at most
 * {@code maxLaunchesPerRound} tasks), persists each new instance (STAGING) before launching it, launches one call per
 * offer, declines the rest, and keeps per-app counts of why offers did not fit. Offers also tell the engine which
 * agents exist (for global apps).
 */
final class OfferHandling {
  private static final Logger LOG = LoggerFactory.getLogger(OfferHandling.class);
  private final EngineState s;
  private final Reconciliation reconciliation;
  private final Placement placement = Placement.using(Fitness.SPREAD);

  OfferHandling(EngineState s, Reconciliation reconciliation) {
    this.s = s;
    this.reconciliation = reconciliation;
  }

  void offers(List<Offer> offers) {
    Instant now = s.now();
    boolean global = s.apps.values().stream().anyMatch(a -> a.spec().isGlobal());
    for (Offer o : offers) {  // refreshed on every offer: an agent's attributes may have changed
      s.agents.put(o.agentId(), dev.drover.sdk.placement.Instance.on(o));
    }
    if (global) {
      reconciliation.run(s.apps.keySet().stream().filter(id -> s.apps.get(id).spec().isGlobal()).toList());
    }
    List<OfferMatcher.Need> needs = new ArrayList<>();
    int budget = s.options.maxLaunchesPerRound();
    for (Map.Entry<String, Integer> w : s.waiting.entrySet()) {
      AppState st = s.apps.get(w.getKey());
      if (st == null || st.phase() != AppState.Phase.RUNNING || budget <= 0
          || s.delays.getOrDefault(w.getKey(), LaunchDelay.NONE).delays(now)) {
        continue;
      }
      int n = Math.min(w.getValue(), budget);
      budget -= n;
      List<String> ids = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        ids.add(TaskIds.of(st.spec().appId(), s.uuids.get()));
      }
      List<dev.drover.sdk.placement.Instance> existing = s.instancesOf(w.getKey()).stream()
          .filter(i -> i.goal() == Instance.Goal.RUN && !i.agentId().isEmpty())
          .map(i -> new dev.drover.sdk.placement.Instance(i.agentId(), i.host(), i.attributes())).toList();
      needs.add(new OfferMatcher.Need(st.spec(), ids, existing));
    }
    if (needs.isEmpty()) {
      offers.forEach(o -> s.driver.decline(o.id(), s.waiting.isEmpty() ? s.options.idleRefuse()
          : s.options.busyRefuse()));
      return;
    }
    long matchStart = System.nanoTime();
    OfferMatcher.Result result = OfferMatcher.match(needs, offers, reconciliation.peers(), placement);
    long matched = System.nanoTime();
    Map<String, List<TaskSpec>> byOffer = new LinkedHashMap<>();
    for (OfferMatcher.Need need : needs) {
      String appId = need.spec().appId();
      AppState st = s.apps.get(appId);
      List<OfferMatcher.Placed> placed = result.placed().getOrDefault(appId, List.of());
      for (OfferMatcher.Placed p : placed) {
        launch(st, p, now, byOffer);
      }
      int left = s.waiting.getOrDefault(appId, 0) - placed.size();
      if (left > 0) {
        s.waiting.put(appId, left);
      } else {
        s.waiting.remove(appId);
      }
      Rejects r = result.rejects().get(appId);
      if (r != null) {
        s.rejects.computeIfAbsent(appId, k -> new Rejects()).addAll(r);
        if (r.unused() > 0) {
          s.lastUnused.put(appId, now);
        }
      }
      s.dirty.add(appId);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} offers, {} apps waiting: matched in {} ms, instances built in {} ms", offers.size(),
          needs.size(), (matched - matchStart) / 1_000_000, (System.nanoTime() - matched) / 1_000_000);
    }
    for (Offer o : offers) {
      List<TaskSpec> tasks = byOffer.get(o.id());
      if (tasks == null) {
        s.driver.decline(o.id(), s.waiting.isEmpty() ? s.options.idleRefuse() : s.options.busyRefuse());
      } else {
        s.driver.launch(o.id(), tasks);
      }
    }
  }

  private void launch(AppState st, OfferMatcher.Placed p, Instant now, Map<String, List<TaskSpec>> byOffer) {
    RunSpec spec = st.spec();
    TaskSpec task;
    try {
      task = TaskFactory.build(spec, p.taskId(), p.offer().hostname(), p.hostPorts(), p.resources());
    } catch (IllegalArgumentException e) {
      LOG.warn("Cannot build a task for {}: {}", spec.appId(), e.getMessage());
      s.failures.put(spec.appId(), new TaskFailureView(spec.appId(), p.taskId(), "TASK_ERROR", e.getMessage(),
          p.offer().hostname(), p.offer().agentId(), Views.time(now), Views.time(spec.version())));
      s.delays.put(spec.appId(), s.delays.getOrDefault(spec.appId(), LaunchDelay.NONE).afterFailure(spec, now));
      return;
    }
    Instance i = new Instance(p.taskId(), spec.appId(), p.offer().agentId(), p.offer().hostname(),
        p.offer().attributes(), p.hostPorts(), TaskState.STAGING, now, null, spec.version(), st.configVersion(),
        null, null, Instance.Goal.RUN, null, null);
    s.putInstance(i);
    byOffer.computeIfAbsent(p.offer().id(), k -> new ArrayList<>()).add(task);
  }
}
