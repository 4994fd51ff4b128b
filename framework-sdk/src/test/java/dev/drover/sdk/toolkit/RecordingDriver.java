package dev.drover.sdk.toolkit;

import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A driver that records calls as text. */
final class RecordingDriver implements SchedulerDriver {
  final List<String> calls = new ArrayList<>();

  List<String> drain() {
    List<String> out = List.copyOf(calls);
    calls.clear();
    return out;
  }

  @Override
  public void start() {
    calls.add("start");
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    calls.add("launch " + offerIds + " " + tasks.stream().map(TaskSpec::taskId).toList());
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    calls.add("decline " + offerId + " " + refuse.toSeconds() + "s");
  }

  @Override
  public void kill(String taskId, Optional<String> agentId) {
    calls.add("kill " + taskId);
  }

  @Override
  public void acknowledge(TaskStatus status) {
    calls.add("ack " + status.taskId());
  }

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    calls.add("reconcile " + tasks.stream().map(TaskRef::taskId).toList());
  }

  @Override
  public void revive() {
    calls.add("revive");
  }

  @Override
  public void suppress() {
    calls.add("suppress");
  }

  @Override
  public void stop(boolean failover) {
    calls.add("stop " + failover);
  }

  @Override
  public CompletableFuture<Void> terminated() {
    return new CompletableFuture<>();
  }

  @Override
  public Optional<String> frameworkId() {
    return Optional.empty();
  }

  @Override
  public boolean isSubscribed() {
    return true;
  }
}
