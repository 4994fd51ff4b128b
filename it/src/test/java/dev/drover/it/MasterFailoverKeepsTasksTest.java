package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.model.TaskState;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover keeps every task: two frameworks hold long-running tasks on two agents (each framework on both); the
 * leading master is killed with kill -9; the new leader recovers the registry, both agents re-register with their
 * tasks, both frameworks re-subscribe with their ids, no task is reported lost, and a kill flows end to end.
 */
class MasterFailoverKeepsTasksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Set<TaskState> BAD = Set.of(TaskState.LOST, TaskState.UNREACHABLE, TaskState.GONE,
      TaskState.UNKNOWN, TaskState.FAILED, TaskState.KILLED, TaskState.DROPPED, TaskState.ERROR);

  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheLeaderLosesNoTaskOfTwoFrameworks() throws Exception {
    cluster = ProcessCluster.start("failover-keeps-tasks");
    List<DroverProcess> masters = List.of(cluster.master("master-1"), cluster.master("master-2"));
    cluster.agent("agent-1", "cpus:2;mem:1024;disk:1024;ports:[32100-32199]");
    cluster.agent("agent-2", "cpus:2;mem:1024;disk:1024;ports:[32200-32299]");
    LeaderTracker leaders = cluster.leaders();
    Await.until("a master leads and both agents are registered", TIMEOUT, () -> cluster.activeAgents() == 2);
    LeaderInfo first = leaders.leader().orElseThrow();
    String zk = cluster.zk();

    Map<String, SpreadingScheduler> schedulers = new HashMap<>();
    Map<String, SchedulerDriver> drivers = new HashMap<>();
    for (String name : List.of("it-alpha", "it-beta")) {
      SpreadingScheduler s = new SpreadingScheduler();
      SchedulerDriver d = DroverSchedulerDriver.builder(s,
          FrameworkConfig.builder(name).failoverTimeout(Duration.ofMinutes(5)).build()).zk(zk).build();
      cluster.keep(d::stop);
      d.start();
      s.submit(name + "-1", "sleep 600");
      s.submit(name + "-2", "sleep 600");
      d.revive();
      schedulers.put(name, s);
      drivers.put(name, d);
    }
    for (SpreadingScheduler s : schedulers.values()) {
      for (String task : s.states.keySet()) {
        Await.until(task + " running", TIMEOUT, () -> s.latest(task) == TaskState.RUNNING);
      }
      assertEquals(2, new HashSet<>(s.agentOf.values()).size(), "each framework runs on both agents");
    }
    Map<String, String> frameworkIds = new HashMap<>();
    schedulers.forEach((name, s) -> frameworkIds.put(name, s.frameworkId));

    ProcessCluster.whichIs(masters, first).kill9();
    Await.until("another master leads", TIMEOUT,
        () -> leaders.leader().map(l -> !l.id().equals(first.id())).orElse(false));
    Await.until("both agents re-registered with the new leader", TIMEOUT, () -> cluster.activeAgents() == 2);
    for (SpreadingScheduler s : schedulers.values()) {
      Await.until("the framework re-subscribed", TIMEOUT, () -> s.reregistrations.get() >= 1);
      assertEquals(1, s.registrations.get(), "registered once, then re-subscribed with its id");
    }
    Await.until("the new leader shows all four tasks RUNNING", TIMEOUT, () -> cluster.tasksIn("TASK_RUNNING") == 4);
    JsonNode state = cluster.state();
    Set<String> subscribed = new HashSet<>();
    state.path("frameworks").forEach(f -> {
      if (f.path("active").asBoolean()) {
        subscribed.add(f.path("id").asText());
      }
    });
    assertEquals(new HashSet<>(frameworkIds.values()), subscribed, "both frameworks kept their ids");

    SpreadingScheduler alpha = schedulers.get("it-alpha");
    drivers.get("it-alpha").kill("it-alpha-1");
    Await.until("a kill through the new leader reached the task", TIMEOUT,
        () -> alpha.latest("it-alpha-1") == TaskState.KILLED);
    schedulers.forEach((name, s) -> s.states.forEach((task, seen) -> {
      List<TaskState> before = task.equals("it-alpha-1") ? seen.subList(0, seen.size() - 1) : seen;
      assertTrue(before.stream().noneMatch(BAD::contains), task + " was never reported lost: " + seen);
    }));

    for (Map.Entry<String, SpreadingScheduler> e : schedulers.entrySet()) {
      for (String task : e.getValue().states.keySet()) {
        if (e.getValue().latest(task) == TaskState.RUNNING) {
          drivers.get(e.getKey()).kill(task);
        }
      }
    }
    Await.until("every sleep 600 was killed", TIMEOUT, () -> schedulers.values().stream()
        .allMatch(s -> s.states.keySet().stream().allMatch(t -> s.latest(t) == TaskState.KILLED)));
  }
}
