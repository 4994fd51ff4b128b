package dev.drover.apps.runtime;

import dev.drover.apps.engine.AppsEngine;
import dev.drover.apps.engine.DeploymentRef;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.KillRequest;
import dev.drover.apps.engine.KillResult;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.UnknownDeploymentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The REST layer's {@link AppsRuntime} over the real {@link AppsEngine}: converts definitions to run specs and the
 * engine's views to the API's. Writes wait for the engine to persist and accept them; the engine's refusals are
 * rethrown unwrapped ({@code DeploymentConflictException} as {@link ConflictException}). Thread-safe.
 */
public final class EngineRuntime implements AppsRuntime {
  private final AppsEngine engine;
  private final java.util.function.Supplier<Instant> clock;

  /** @param clock tells the time left of a launch back-off in {@link #queue} */
  public EngineRuntime(AppsEngine engine, java.util.function.Supplier<Instant> clock) {
    this.engine = engine;
    this.clock = clock;
  }

  public AppsEngine engine() {
    return engine;
  }

  @Override
  public DeploymentView deploy(List<AppChange> changes, String version, boolean force) {
    List<dev.drover.apps.engine.AppChange> mapped = new ArrayList<>();
    for (AppChange c : changes) {
      if (c.to() == null) {
        mapped.add(new dev.drover.apps.engine.AppChange.Remove(c.appId()));
      } else if (c.restart()) {
        mapped.add(new dev.drover.apps.engine.AppChange.Restart(RunSpecs.of(c.to())));
      } else {
        mapped.add(new dev.drover.apps.engine.AppChange.Put(RunSpecs.of(c.to())));
      }
    }
    DeploymentRef ref = join(engine.deploy(new DeploymentRequest(mapped, Instant.parse(version), force)));
    return new DeploymentView(ref.deploymentId(), ref.version(), changes.stream().map(AppChange::appId).toList(),
        List.of(), 1);
  }

  /**
   * A write is answered only after the loop loaded its state and published the snapshot of its burst, so a no-op
   * write is the barrier.
   */
  @Override
  public void awaitLoaded() {
    join(engine.resetDelay("/drover-apps-api-load-barrier"));
  }

  @Override
  public java.util.Set<String> appIds() {
    return engine.apps().keySet();
  }

  @Override
  public Optional<Integer> instances(String appId) {
    return engine.app(appId).map(dev.drover.apps.engine.RunSpec::instances);
  }

  @Override
  public boolean sameConfig(dev.drover.apps.model.AppDefinition app) {
    return engine.app(app.id()).map(s -> s.sameConfig(RunSpecs.of(app))).orElse(false);
  }

  @Override
  public List<DeploymentView> deployments() {
    return engine.deployments().stream().map(d -> new DeploymentView(d.id(), d.version(), d.affectedApps(),
        d.steps().stream().map(s -> s.actions().stream()
            .map(a -> new DeploymentView.Action(a.action(), a.app())).toList()).toList(), d.currentStep())).toList();
  }

  @Override
  public Optional<String> rollback(String deploymentId, boolean force) {
    try {
      return Optional.of(join(engine.rollback(deploymentId, force)).deploymentId());
    } catch (UnknownDeploymentException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<TaskView> tasks() {
    List<TaskView> out = new ArrayList<>();
    engine.instances().values().forEach(list -> list.forEach(i -> out.add(task(i))));
    return out;
  }

  @Override
  public KillOutcome kill(String appId, List<String> taskIds, String host, boolean scale, boolean wipe) {
    KillResult r = join(engine.kill(new KillRequest(Optional.of(appId), taskIds, Optional.ofNullable(host), scale,
        wipe)));
    Map<String, Integer> scaled = new HashMap<>();
    r.scaledTo().forEach((id, spec) -> scaled.put(id, spec.instances()));
    return new KillOutcome(r.killed().stream().map(EngineRuntime::task).toList(), scaled,
        r.deployment() == null ? null : r.deployment().deploymentId());
  }

  @Override
  public Optional<TaskFailure> lastTaskFailure(String appId) {
    return Optional.ofNullable(engine.lastTaskFailures().get(appId)).map(f -> new TaskFailure(f.appId(), f.taskId(),
        f.state(), f.message(), f.host(), f.slaveId(), parse(f.timestamp()), f.version()));
  }

  @Override
  public List<QueueView> queue() {
    return engine.queue().stream().map(this::queue).toList();
  }

  private QueueView queue(QueueEntry q) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    q.rejectReasons().forEach((k, v) -> reasons.put(k, v.intValue()));
    q.constraintRejects().forEach((k, v) -> reasons.put("UnfulfilledConstraint " + k, v.intValue()));
    Instant until = parse(q.delayUntil());
    long left = until == null ? 0 : Math.max(0, until.getEpochSecond() - clock.get().getEpochSecond());
    return new QueueView(q.appId(), q.count(), parse(q.lastUnusedOfferAt()), left, !q.delayed(),
        (int) q.processedOffers(), (int) q.unusedOffers(), reasons, q.lastReasons());
  }

  @Override
  public boolean resetDelay(String appId) {
    return join(engine.resetDelay(appId));
  }

  @Override
  public Runnable subscribe(Consumer<AppEvent> listener) {
    AutoCloseable handle = engine.subscribe(e -> listener.accept(new AppEvent(e.eventType(), e.timestamp(),
        e.fields())));
    return () -> {
      try {
        handle.close();
      } catch (Exception ignored) {
        // unsubscribing from a closed engine changes nothing
      }
    };
  }

  private static TaskView task(InstanceView i) {
    return new TaskView(i.id(), i.appId(), i.slaveId(), i.host(), i.ports(), i.state(), i.stagedAt(), i.startedAt(),
        i.version(), Optional.ofNullable(i.healthy()));
  }

  private static Instant parse(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof dev.drover.apps.engine.DeploymentConflictException c) {
        throw new ConflictException(c.deploymentIds());
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
