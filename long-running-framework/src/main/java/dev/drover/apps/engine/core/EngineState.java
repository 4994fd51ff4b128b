package dev.drover.apps.engine.core;

import dev.drover.apps.engine.EngineEvent;
import dev.drover.apps.engine.TaskFailureView;
import dev.drover.apps.engine.deploy.Deployment;
import dev.drover.apps.engine.instance.Instance;
import dev.drover.apps.engine.placement.Rejects;
import dev.drover.apps.engine.reconcile.Decision;
import dev.drover.apps.engine.reconcile.LaunchDelay;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.toolkit.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * All of the engine's mutable state, owned by its loop (never touched from another thread). Every durable change goes
 * through a method here, which records the write and updates memory; at the end of each burst of commands the loop
 * persists all writes ({@link #persist}) before anything observes them: the snapshot is published and the held
 * effects — driver calls, events, answers to callers ({@link #act}) — are carried out only afterwards. So nothing
 * outside the loop ever sees or acts on state that is not in the store (persist, then apply, per burst).
 */
final class EngineState {
  final EngineStore store;
  final Timer timer;
  final EngineOptions options;
  final Supplier<String> uuids;
  final Consumer<EngineEvent> events;

  final Map<String, AppState> apps = new LinkedHashMap<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final Map<String, Map<String, Instance>> byApp = new HashMap<>();
  final List<Deployment> deployments = new ArrayList<>();
  final Map<String, LaunchDelay> delays = new HashMap<>();
  final Map<String, Rejects> rejects = new HashMap<>();
  final Map<String, Instant> lastUnused = new HashMap<>();
  final Map<String, TaskFailureView> failures = new HashMap<>();
  final Map<String, Integer> waiting = new LinkedHashMap<>();
  final Map<String, Decision> progress = new HashMap<>();
  final Map<String, dev.drover.sdk.placement.Instance> agents = new LinkedHashMap<>();
  final Set<String> dirty = new LinkedHashSet<>();
  /** Apps whose spec changed since the last snapshot (all their views are rebuilt). */
  final Set<String> dirtySpecs = new LinkedHashSet<>();
  /** Tasks changed or removed since the last snapshot. */
  final Set<String> dirtyTasks = new LinkedHashSet<>();
  /** Whether tasks were added or removed since the last snapshot. */
  boolean membershipChanged = true;
  /** When a kill was last sent per task (in memory: a new leader re-sends kills for every STOP instance). */
  final Map<String, Instant> killSent = new HashMap<>();
  /** Instances draining before their kill is sent, and until when (in memory: a new leader kills at once). */
  final Map<String, Instant> drainUntil = new HashMap<>();
  boolean deploymentsDirty = true;
  SchedulerDriver driver;

  // The burst in progress: writes (coalesced per key) and the effects that wait for them.
  /** Instance writes per store transaction when a burst persists many (ZooKeeper commits each in one round trip). */
  static final int INSTANCES_PER_WRITE = 100;
  private final Map<String, Instance> pendingInstances = new LinkedHashMap<>();
  private final Set<String> createdInBatch = new java.util.HashSet<>();
  private final Map<String, Runnable> pendingWrites = new LinkedHashMap<>();
  private final List<Runnable> effects = new ArrayList<>();

  EngineState(EngineStore store, Timer timer, EngineOptions options, Supplier<String> uuids,
      Consumer<EngineEvent> events) {
    this.store = store;
    this.timer = timer;
    this.options = options;
    this.uuids = uuids;
    this.events = events;
  }

  Instant now() {
    return timer.now();
  }

  void load() {
    EngineStore.Loaded l = store.load();
    apps.putAll(l.apps());
    l.instances().values().forEach(this::index);
    deployments.addAll(l.deployments());
    dirty.addAll(apps.keySet());
    dirty.addAll(byApp.keySet());
    dirtySpecs.addAll(dirty);
  }

  List<Instance> instancesOf(String appId) {
    Map<String, Instance> m = byApp.get(appId);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  void putInstance(Instance i) {
    if (!instances.containsKey(i.taskId())) {
      createdInBatch.add(i.taskId());
    }
    pendingInstances.put(i.taskId(), i);
    index(i);
  }

  /** Applies a change that need not survive a failover (reconciliation re-learns it), without writing it. */
  void applyInstance(Instance i) {
    index(i);
  }

  void removeInstance(String taskId) {
    Instance i = instances.get(taskId);
    pendingInstances.put(taskId, null);
    killSent.remove(taskId);
    drainUntil.remove(taskId);
    if (i != null) {
      dirtyTasks.add(taskId);
      membershipChanged = true;
      instances.remove(taskId);
      Map<String, Instance> m = byApp.get(i.appId());
      if (m != null) {
        m.remove(taskId);
        if (m.isEmpty()) {
          byApp.remove(i.appId());
        }
      }
      dirty.add(i.appId());
    }
  }

  void putApp(String appId, AppState st) {
    pendingWrites.put(EngineStore.APP + appId, () -> store.putApp(appId, st));
    apps.put(appId, st);
    dirty.add(appId);
    dirtySpecs.add(appId);
  }

  void removeApp(String appId) {
    pendingWrites.put(EngineStore.APP + appId, () -> store.deleteApp(appId));
    apps.remove(appId);
    delays.remove(appId);
    rejects.remove(appId);
    waiting.remove(appId);
    progress.remove(appId);
    dirty.add(appId);
    dirtySpecs.add(appId);
  }

  void putDeployment(Deployment d) {
    pendingWrites.put(EngineStore.DEPLOYMENT + d.id(), () -> store.putDeployment(d));
    for (int k = 0; k < deployments.size(); k++) {
      if (deployments.get(k).id().equals(d.id())) {
        deployments.set(k, d);
        deploymentsDirty = true;
        return;
      }
    }
    deployments.add(d);
    deploymentsDirty = true;
  }

  void removeDeployment(String id) {
    pendingWrites.put(EngineStore.DEPLOYMENT + id, () -> store.deleteDeployment(id));
    deployments.removeIf(d -> d.id().equals(id));
    deploymentsDirty = true;
  }

  /** Holds {@code effect} (a driver call, an event, a caller's answer) until the burst's writes are persisted. */
  void act(Runnable effect) {
    effects.add(effect);
  }

  /**
   * Persists the burst's writes, in parallel on {@code writers} (one ZooKeeper round trip per key, many in flight),
   * and waits for all of them. On failure nothing of the burst is acted on: the effects are dropped and the error is
   * rethrown (the store is unreachable: this leader cannot go on).
   */
  int persist(java.util.concurrent.Executor writers) {
    List<Runnable> writes = new ArrayList<>();
    List<Instance> puts = new ArrayList<>();
    pendingInstances.forEach((id, i) -> {
      boolean created = createdInBatch.contains(id);
      if (i == null) {
        if (!created) {
          writes.add(() -> store.deleteInstance(id));
        }
      } else if (created || pendingInstances.size() > 1) {
        puts.add(i);
      } else {
        writes.add(() -> store.putInstance(i, false));
      }
    });
    // Instance writes go in transactions of INSTANCES_PER_WRITE (one ZooKeeper round trip each), several at once.
    java.util.Set<String> created = java.util.Set.copyOf(createdInBatch);
    for (int from = 0; from < puts.size(); from += INSTANCES_PER_WRITE) {
      List<Instance> chunk = puts.subList(from, Math.min(puts.size(), from + INSTANCES_PER_WRITE));
      writes.add(() -> store.putInstances(chunk, created));
    }
    writes.addAll(pendingWrites.values());
    pendingInstances.clear();
    createdInBatch.clear();
    pendingWrites.clear();
    try {
      if (writes.size() == 1) {
        writes.get(0).run();
      } else if (!writes.isEmpty()) {
        java.util.concurrent.CompletableFuture.allOf(writes.stream()
            .map(w -> java.util.concurrent.CompletableFuture.runAsync(w, writers))
            .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
      }
    } catch (RuntimeException e) {
      effects.clear();
      throw e;
    }
    return writes.size();
  }

  /** Carries out the effects held since the last persist, in order. */
  void runEffects() {
    while (!effects.isEmpty()) {
      List<Runnable> now = new ArrayList<>(effects);
      effects.clear();
      now.forEach(Runnable::run);
    }
  }

  Optional<Deployment> deployment(String id) {
    return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** The deployment whose current step acts on {@code appId}, if any. */
  Optional<Deployment> activeFor(String appId) {
    return deployments.stream().filter(d -> d.currentAction(appId).isPresent()).findFirst();
  }

  void emit(EngineEvent e) {
    act(() -> events.accept(e));
  }

  private void index(Instance i) {
    if (instances.put(i.taskId(), i) == null) {
      membershipChanged = true;
    }
    dirtyTasks.add(i.taskId());
    byApp.computeIfAbsent(i.appId(), k -> new LinkedHashMap<>()).put(i.taskId(), i);
    dirty.add(i.appId());
  }
}
