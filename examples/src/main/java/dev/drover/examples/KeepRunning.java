package dev.drover.examples;

import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.*;
import dev.drover.sdk.placement.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps {@code count} copies of a shell command running; survives master failovers. The SDK tutorial's example. */
public final class KeepRunning implements Scheduler {
  private final int count;
  private final String command;
  private final Resources perTask;
  private final Map<String, TaskStatus> live = new ConcurrentHashMap<>();  // read by tests
  private int launched;

  public KeepRunning(int count, String command, Resources perTask) {
    this.count = count;
    this.command = command;
    this.perTask = perTask;
  }

  /** How many tasks are RUNNING right now. Thread-safe. */
  public long running() {
    return live.values().stream().filter(s -> s.state() == TaskState.RUNNING).count();
  }

  @Override public void registered(SchedulerDriver driver, String frameworkId, String masterId) {}

  @Override public void reregistered(SchedulerDriver driver, String masterId) {
    driver.reconcile(live.values().stream().map(s -> TaskRef.of(s.taskId(), s.agentId())).toList());
  }

  @Override public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    List<PlacementRequest> wanted = new ArrayList<>();
    for (int i = live.size(); i < count; i++) {
      String id = "task-" + ++launched;
      wanted.add(PlacementRequest.of(id, "keep-running", perTask));
      live.put(id, TaskStatus.of(id, TaskState.STAGING, "", "", ""));
    }
    PlacementResult placed = Placement.place(wanted, offers);
    placed.byOffer().forEach((offerId, as) -> driver.launch(offerId, as.stream()
        .map(a -> TaskSpec.shell(a.request().id(), command, a.resources())).toList()));
    placed.unplaced().forEach(u -> live.remove(u.request().id()));
    Duration refuse = live.size() < count ? Duration.ofSeconds(1) : Duration.ofSeconds(60);
    placed.unused(offers).forEach(o -> driver.decline(o.id(), refuse));
  }

  @Override public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    if (status.state().isTerminal()) {
      live.remove(status.taskId());
      driver.revive();  // we declined offers for 60 s; ask for them again
    } else {
      live.put(status.taskId(), status);
    }
  }
}
