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
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test framework: launches whatever is queued on the offers it gets, and records every status per task. */
final class LaunchingScheduler implements Scheduler {
  static final Resources TASK = Resources.parse("cpus:0.1;mem:32");

  final Queue<TaskSpec> pending = new ConcurrentLinkedQueue<>();
  final Map<String, List<TaskState>> states = new ConcurrentHashMap<>();
  final AtomicInteger registrations = new AtomicInteger();
  final AtomicInteger reregistrations = new AtomicInteger();
  volatile String frameworkId;

  void submit(String taskId, String command) {
    states.put(taskId, new CopyOnWriteArrayList<>());
    pending.add(TaskSpec.shell(taskId, command, TASK));
  }

  List<TaskState> statesOf(String taskId) {
    return states.getOrDefault(taskId, List.of());
  }

  boolean reached(String taskId, TaskState state) {
    return statesOf(taskId).contains(state);
  }

  @Override
  public void registered(SchedulerDriver driver, String id, String masterId) {
    frameworkId = id;
    registrations.incrementAndGet();
  }

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    reregistrations.incrementAndGet();
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    for (Offer offer : offers) {
      Resources left = offer.resources();
      List<TaskSpec> launch = new ArrayList<>();
      while (!pending.isEmpty() && left.contains(TASK)) {
        launch.add(pending.poll().toBuilder().agentId(offer.agentId()).build());
        left = left.minus(TASK);
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
    states.computeIfAbsent(status.taskId(), k -> new CopyOnWriteArrayList<>()).add(status.state());
  }
}
