package dev.drover.it;

import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test framework that spreads its tasks: at most one task per offer and never two on the same agent. Records every
 * status per task and the agent each task runs on.
 */
final class SpreadingScheduler implements Scheduler {
  final Queue<TaskSpec> pending = new ConcurrentLinkedQueue<>();
  final Map<String, List<TaskState>> states = new ConcurrentHashMap<>();
  final Map<String, String> agentOf = new ConcurrentHashMap<>();
  final Set<String> usedAgents = ConcurrentHashMap.newKeySet();
  final AtomicInteger registrations = new AtomicInteger();
  final AtomicInteger reregistrations = new AtomicInteger();
  volatile String frameworkId;

  void submit(String taskId, String command) {
    states.put(taskId, new CopyOnWriteArrayList<>());
    pending.add(TaskSpec.shell(taskId, command, LaunchingScheduler.TASK));
  }

  List<TaskState> statesOf(String taskId) {
    return states.getOrDefault(taskId, List.of());
  }

  TaskState latest(String taskId) {
    List<TaskState> seen = statesOf(taskId);
    return seen.isEmpty() ? null : seen.get(seen.size() - 1);
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
      TaskSpec next = pending.peek();
      if (next == null || usedAgents.contains(offer.agentId())
          || !offer.resources().contains(LaunchingScheduler.TASK)) {
        driver.decline(offer.id(), Duration.ofMillis(300));
        continue;
      }
      pending.poll();
      usedAgents.add(offer.agentId());
      agentOf.put(next.taskId(), offer.agentId());
      driver.launch(offer.id(), List.of(next.toBuilder().agentId(offer.agentId()).build()));
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    states.computeIfAbsent(status.taskId(), k -> new CopyOnWriteArrayList<>()).add(status.state());
  }
}
