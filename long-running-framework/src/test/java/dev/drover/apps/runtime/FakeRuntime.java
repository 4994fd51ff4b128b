package dev.drover.apps.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory runtime for API tests: records deployments (kept in flight until finished), tasks set by hand. */
public final class FakeRuntime implements AppsRuntime {
  public final List<List<AppChange>> deployed = new CopyOnWriteArrayList<>();
  public final List<DeploymentView> inFlight = new CopyOnWriteArrayList<>();
  public final List<TaskView> tasks = new CopyOnWriteArrayList<>();
  public final List<QueueView> queue = new CopyOnWriteArrayList<>();
  public final List<String> killed = new CopyOnWriteArrayList<>();
  private final List<Consumer<AppEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Whether deployments stay in flight (to test 409) or finish at once. */
  public volatile boolean keepInFlight;
  /** Runs first in {@link #kill}, e.g. to check what was stored before. */
  public volatile Runnable onKill = () -> { };
  private int next;

  @Override
  public synchronized DeploymentView deploy(List<AppChange> changes, String version, boolean force) {
    if (force) {
      inFlight.removeIf(d -> d.affectedApps().stream().anyMatch(a -> changes.stream()
          .anyMatch(c -> c.appId().equals(a))));
    }
    deployed.add(changes);
    for (AppChange c : changes) {
      if (c.to() == null) {
        running.remove(c.appId());
      } else {
        running.put(c.appId(), c.to());
      }
    }
    DeploymentView d = new DeploymentView("d-" + ++next, version, changes.stream().map(AppChange::appId).toList(),
        List.of(changes.stream().map(c -> new DeploymentView.Action(c.to() == null ? "StopApplication"
            : c.from() == null ? "StartApplication" : "RestartApplication", c.appId())).toList()), 1);
    if (keepInFlight) {
      inFlight.add(d);
    }
    return d;
  }

  public final Map<String, dev.drover.apps.model.AppDefinition> running = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void awaitLoaded() {}

  @Override
  public java.util.Set<String> appIds() {
    return java.util.Set.copyOf(running.keySet());
  }

  @Override
  public Optional<Integer> instances(String appId) {
    return Optional.ofNullable(running.get(appId)).map(a -> a.instances());
  }

  @Override
  public boolean sameConfig(dev.drover.apps.model.AppDefinition app) {
    var mine = running.get(app.id());
    return mine != null && mine.sameConfigAs(app);
  }

  @Override
  public List<DeploymentView> deployments() {
    return List.copyOf(inFlight);
  }

  @Override
  public synchronized Optional<String> rollback(String deploymentId, boolean force) {
    boolean removed = inFlight.removeIf(d -> d.id().equals(deploymentId));
    return removed ? Optional.of(force ? deploymentId : "d-" + ++next) : Optional.empty();
  }

  @Override
  public List<TaskView> tasks() {
    return List.copyOf(tasks);
  }

  @Override
  public KillOutcome kill(String appId, List<String> taskIds, String host, boolean scale, boolean wipe) {
    onKill.run();
    List<TaskView> chosen = new ArrayList<>();
    for (TaskView t : tasks) {
      if (t.appId().equals(appId) && (taskIds.isEmpty() || taskIds.contains(t.id()))
          && (host == null || host.equals(t.host()))) {
        chosen.add(t);
      }
    }
    chosen.forEach(t -> killed.add(t.id()));
    if (!scale) {
      return new KillOutcome(chosen, Map.of(), null);
    }
    long left = tasks.stream().filter(t -> t.appId().equals(appId)).count() - chosen.size();
    return new KillOutcome(chosen, Map.of(appId, (int) left), "d-" + ++next);
  }

  @Override
  public Optional<TaskFailure> lastTaskFailure(String appId) {
    return Optional.empty();
  }

  @Override
  public List<QueueView> queue() {
    return List.copyOf(queue);
  }

  @Override
  public boolean resetDelay(String appId) {
    return queue.stream().anyMatch(q -> q.appId().equals(appId));
  }

  @Override
  public Runnable subscribe(Consumer<AppEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void emit(AppEvent e) {
    listeners.forEach(l -> l.accept(e));
  }

  /** A running task of {@code appId} on {@code host}. */
  public static TaskView running(String id, String appId, String host) {
    return new TaskView(id, appId, "agent-" + host, host, List.of(31000), "TASK_RUNNING", "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:01Z", "2026-01-01T00:00:00.000Z", Optional.empty());
  }
}
