package dev.drover.apps.engine.core;

import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The driver as the engine's logic sees it: every call that acts on the cluster (launch, kill, decline, acknowledge,
 * reconcile, revive, suppress) is held as an effect until the loop has persisted the burst's writes — persist, then
 * act. Used only on the engine's loop.
 */
final class DeferringDriver implements SchedulerDriver {
  private final SchedulerDriver real;
  private final EngineState state;

  DeferringDriver(SchedulerDriver real, EngineState state) {
    this.real = real;
    this.state = state;
  }

  SchedulerDriver real() {
    return real;
  }

  @Override
  public void start() {
    real.start();
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    List<String> offers = List.copyOf(offerIds);
    List<TaskSpec> copy = List.copyOf(tasks);
    state.act(() -> real.launch(offers, copy));
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    state.act(() -> real.decline(offerId, refuse));
  }

  @Override
  public void kill(String taskId, Optional<String> agentId) {
    state.act(() -> real.kill(taskId, agentId));
  }

  @Override
  public void acknowledge(TaskStatus status) {
    state.act(() -> real.acknowledge(status));
  }

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    List<TaskRef> copy = List.copyOf(tasks);
    state.act(() -> real.reconcile(copy));
  }

  @Override
  public void revive() {
    state.act(real::revive);
  }

  @Override
  public void suppress() {
    state.act(real::suppress);
  }

  @Override
  public void stop(boolean failover) {
    real.stop(failover);
  }

  @Override
  public CompletableFuture<Void> terminated() {
    return real.terminated();
  }

  @Override
  public Optional<String> frameworkId() {
    return real.frameworkId();
  }

  @Override
  public boolean isSubscribed() {
    return real.isSubscribed();
  }
}
