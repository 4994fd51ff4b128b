package dev.drover.apps.engine;

import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A driver that records calls (for pure-logic tests of the engine). Not thread-safe; tests run the loop inline. */
public final class RecordingDriver implements SchedulerDriver {
  public final Map<String, TaskSpec> launched = new LinkedHashMap<>();
  public final Map<String, String> launchedOn = new LinkedHashMap<>();
  public final List<String> killed = new ArrayList<>();
  public final List<String> declined = new ArrayList<>();
  public final List<TaskStatus> acked = new ArrayList<>();
  public final List<Collection<TaskRef>> reconciles = new ArrayList<>();
  public int revives;
  public int suppresses;
  public boolean stopped;

  @Override
  public void start() {}

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    tasks.forEach(t -> {
      launched.put(t.taskId(), t);
      launchedOn.put(t.taskId(), offerIds.iterator().next());
    });
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    declined.add(offerId);
  }

  @Override
  public void kill(String taskId, Optional<String> agentId) {
    killed.add(taskId);
  }

  @Override
  public void acknowledge(TaskStatus status) {
    acked.add(status);
  }

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    reconciles.add(List.copyOf(tasks));
  }

  @Override
  public void revive() {
    revives++;
  }

  @Override
  public void suppress() {
    suppresses++;
  }

  @Override
  public void stop(boolean failover) {
    stopped = true;
  }

  @Override
  public CompletableFuture<Void> terminated() {
    return new CompletableFuture<>();
  }

  @Override
  public Optional<String> frameworkId() {
    return Optional.of("fw-test");
  }

  @Override
  public boolean isSubscribed() {
    return true;
  }
}
