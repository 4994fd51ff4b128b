package dev.drover.testkit;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Launches queued tasks on the first offers that come and records what the master says. */
final class TestFramework implements Scheduler {
  final Deque<String> toLaunch = new ArrayDeque<>();
  final Map<String, TaskStatus> latest = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  TestFramework(String... taskIds) {
    toLaunch.addAll(List.of(taskIds));
  }

  boolean is(String taskId, dev.drover.model.TaskState state) {
    TaskStatus s = latest.get(taskId);
    return s != null && s.state() == state;
  }

  @Override
  public void registered(SchedulerDriver driver, String frameworkId, String masterId) {
    events.add("registered");
  }

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    events.add("reregistered");
  }

  @Override
  public void disconnected(SchedulerDriver driver) {
    events.add("disconnected");
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    for (Offer o : offers) {
      String id = toLaunch.poll();
      if (id == null) {
        driver.decline(o.id());
      } else {
        driver.launch(o.id(), List.of(TaskSpec.shell(id, "sleep 30", Resources.of(0.1, 32, 0))));
      }
    }
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    latest.put(status.taskId(), status);
    events.add(status.taskId() + " " + status.state());
  }
}
