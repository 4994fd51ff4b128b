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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the next {@link Snapshot} from the engine's state on its loop, incrementally: only the views of tasks that
 * changed are rebuilt (all of an app's when its spec changed), so an update to one task of thousands stays cheap.
 */
final class SnapshotBuilder {
  private final EngineState s;
  private final Map<String, Map<String, InstanceView>> views = new LinkedHashMap<>();
  private final Map<String, String> taskApp = new HashMap<>();
  private final Map<String, List<InstanceView>> instanceViews = new LinkedHashMap<>();
  private final Map<String, AppCounts> counts = new LinkedHashMap<>();
  private List<DeploymentView> deploymentViews = List.of();

  SnapshotBuilder(EngineState s) {
    this.s = s;
  }

  Snapshot build(Snapshot previous) {
    for (String app : s.dirtySpecs) {
      Map<String, InstanceView> old = views.remove(app);
      if (old != null) {
        old.keySet().forEach(taskApp::remove);
      }
      AppState st = s.apps.get(app);
      List<Instance> inst = new ArrayList<>(s.instancesOf(app));
      inst.sort(Comparator.comparing(Instance::stagedAt).thenComparing(Instance::taskId));
      Map<String, InstanceView> m = new LinkedHashMap<>();
      inst.forEach(i -> {
        m.put(i.taskId(), Views.instance(i, st == null ? null : st.spec()));
        taskApp.put(i.taskId(), app);
      });
      views.put(app, m);
      s.dirty.add(app);
    }
    for (String task : s.dirtyTasks) {
      Instance i = s.instances.get(task);
      if (i == null) {
        String app = taskApp.remove(task);
        if (app != null && views.containsKey(app)) {
          views.get(app).remove(task);
          s.dirty.add(app);
        }
      } else if (!s.dirtySpecs.contains(i.appId())) {
        AppState st = s.apps.get(i.appId());
        views.computeIfAbsent(i.appId(), k -> new LinkedHashMap<>())
            .put(task, Views.instance(i, st == null ? null : st.spec()));
        taskApp.put(task, i.appId());
        s.dirty.add(i.appId());
      }
    }
    for (String app : s.dirty) {
      AppState st = s.apps.get(app);
      Map<String, InstanceView> m = views.get(app);
      if (m == null || m.isEmpty()) {
        views.remove(app);
        instanceViews.remove(app);
      } else {
        instanceViews.put(app, List.copyOf(m.values()));
      }
      if (st == null) {
        counts.remove(app);
      } else {
        counts.put(app, Views.counts(s.instancesOf(app), st.spec()));
      }
    }
    boolean appsChanged = !s.dirtySpecs.isEmpty();
    boolean anyChange = !s.dirty.isEmpty();
    s.dirty.clear();
    s.dirtySpecs.clear();
    s.dirtyTasks.clear();
    if (s.deploymentsDirty || anyChange) {
      deploymentViews = s.deployments.stream().map(d -> Views.deployment(d, s.progress, s.apps)).toList();
      s.deploymentsDirty = false;
    }
    Map<String, RunSpec> apps = previous.apps();
    if (appsChanged) {
      Map<String, RunSpec> a = new LinkedHashMap<>();
      s.apps.forEach((id, st) -> a.put(id, st.spec()));
      apps = java.util.Collections.unmodifiableMap(a);
    }
    List<TaskRef> known = previous.known();
    if (s.membershipChanged) {
      known = s.instances.values().stream()
          .map(i -> i.agentId().isEmpty() ? TaskRef.of(i.taskId()) : TaskRef.of(i.taskId(), i.agentId())).toList();
      s.membershipChanged = false;
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
          d.seconds(), r.processed(), r.unused(), Views.time(s.lastUnused.get(app)),
          new LinkedHashMap<>(r.reasons()), new LinkedHashMap<>(r.constraints()),
          new LinkedHashMap<>(r.lastByHost())));
    });
    return List.copyOf(out);
  }
}
