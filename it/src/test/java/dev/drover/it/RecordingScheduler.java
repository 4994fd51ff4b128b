package dev.drover.it;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test framework that launches any queued {@link TaskSpec} on offers that fit it and keeps every status. */
final class RecordingScheduler implements Scheduler {
  final Queue<TaskSpec> pending = new ConcurrentLinkedQueue<>();
  final Map<String, List<TaskStatus>> statuses = new ConcurrentHashMap<>();
  final AtomicInteger reregistrations = new AtomicInteger();

  void submit(TaskSpec spec) {
    statuses.put(spec.taskId(), new CopyOnWriteArrayList<>());
    pending.add(spec);
  }

  List<TaskStatus> statusesOf(String taskId) {
    return statuses.getOrDefault(taskId, List.of());
  }

  Optional<TaskStatus> first(String taskId, TaskState state) {
    return statusesOf(taskId).stream().filter(s -> s.state() == state).findFirst();
  }

  List<TaskState> statesOf(String taskId) {
    return statusesOf(taskId).stream().map(TaskStatus::state).toList();
  }

  @Override
  public void registered(SchedulerDriver driver, String id, String masterId) {}

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    reregistrations.incrementAndGet();
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    for (Offer offer : offers) {
      Resources left = offer.resources();
      List<TaskSpec> launch = new ArrayList<>();
      for (TaskSpec next = pending.peek(); next != null && left.contains(next.resources()); next = pending.peek()) {
        pending.poll();
        launch.add(next.toBuilder().agentId(offer.agentId()).build());
        left = left.minus(next.resources());
      }
      if (launch.isEmpty()) {
        driver.decline(offer.id(), Duration.ofMillis(500));
      } else {
        driver.launch(offer.id(), launch);
      }
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    statuses.computeIfAbsent(status.taskId(), k -> new CopyOnWriteArrayList<>()).add(status);
  }
}
