package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppCounts;
import dev.drover.apps.engine.DeploymentView;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.placement.Rejects;
import dev.drover.apps.engine.reconcile.LaunchDelay;
import dev.drover.sdk.TaskRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the next {@link Snapshot} from the engine's state on its loop, rebuilding the per-app views only for apps
 * changed since the last one (so a burst of updates to one app of thousands stays cheap).
 */
final class SnapshotBuilder {
  private final EngineState s;
  private final Map<String, List<InstanceView>> instanceViews = new LinkedHashMap<>();
  private final Map<String, AppCounts> counts = new LinkedHashMap<>();
  private List<DeploymentView> deploymentViews = List.of();

  SnapshotBuilder(EngineState s) {
    this.s = s;
  }

  Snapshot build(Snapshot previous) {
    for (String app : s.dirty) {
      AppState st = s.apps.get(app);
      RunSpec spec = st == null ? null : st.spec();
      List<Instance> inst = new ArrayList<>(s.instancesOf(app));
      inst.sort(Comparator.comparing(Instance::stagedAt).thenComparing(Instance::taskId));
      if (inst.isEmpty()) {
        instanceViews.remove(app);
      } else {
        instanceViews.put(app, inst.stream().map(i -> Views.instance(i, spec)).toList());
      }
      if (st == null) {
        counts.remove(app);
      } else {
        counts.put(app, Views.counts(inst, spec));
      }
    }
    boolean appsChanged = !s.dirty.isEmpty();
    s.dirty.clear();
    if (s.deploymentsDirty || appsChanged) {
      deploymentViews = s.deployments.stream().map(d -> Views.deployment(d, s.progress, s.apps)).toList();
      s.deploymentsDirty = false;
    }
    Map<String, RunSpec> apps = previous.apps();
    List<TaskRef> known = previous.known();
    if (appsChanged) {
      Map<String, RunSpec> a = new LinkedHashMap<>();
      s.apps.forEach((id, st) -> a.put(id, st.spec()));
      apps = java.util.Collections.unmodifiableMap(a);
      known = s.instances.values().stream()
          .map(i -> i.agentId().isEmpty() ? TaskRef.of(i.taskId()) : TaskRef.of(i.taskId(), i.agentId())).toList();
    }
    return new Snapshot(apps, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instanceViews)),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts)), Map.copyOf(s.failures), queue(),
        deploymentViews, known);
  }

  private List<QueueEntry> queue() {
    Instant now = s.now();
    List<QueueEntry> out = new ArrayList<>();
    s.waiting.forEach((app, n) -> {
      AppState st = s.apps.get(app);
      if (st == null) {
        return;
      }
      LaunchDelay d = s.delays.getOrDefault(app, LaunchDelay.NONE);
      Rejects r = s.rejects.getOrDefault(app, new Rejects());
      boolean delayed = d.delays(now);
      out.add(new QueueEntry(app, Views.time(st.spec().version()), n, delayed, delayed ? Views.time(d.until()) : null,
          d.seconds(st.spec()), r.processed(), r.unused(), Views.time(s.lastUnused.get(app)),
          new LinkedHashMap<>(r.reasons()), new LinkedHashMap<>(r.constraints()),
          new LinkedHashMap<>(r.lastByHost())));
    });
    return List.copyOf(out);
  }
}
