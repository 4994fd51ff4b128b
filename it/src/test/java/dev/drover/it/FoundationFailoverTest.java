package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.TaskState;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The foundation, end to end with real processes: ZooKeeper, two masters and two agents each in its own JVM, and an
 * SDK framework in this one. Ten tasks run to FINISHED; the leading master is killed with kill -9; agents and the
 * framework follow the new leader, and one more task runs to FINISHED.
 */
class FoundationFailoverTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void tasksRunAndTheClusterSurvivesKillingTheLeadingMaster() throws Exception {
    cluster = ProcessCluster.start("foundation");
    List<DroverProcess> masters = List.of(cluster.master("master-1"), cluster.master("master-2"));
    cluster.agent("agent-1", "cpus:2;mem:1024;disk:1024;ports:[31100-31199]");
    cluster.agent("agent-2", "cpus:2;mem:1024;disk:1024;ports:[31200-31299]");
    LeaderTracker leaders = cluster.leaders();
    Await.until("a master leads and both agents are registered", TIMEOUT, () -> cluster.activeAgents() == 2);
    LeaderInfo first = leaders.leader().orElseThrow();

    LaunchingScheduler scheduler = new LaunchingScheduler();
    SchedulerDriver driver = DroverSchedulerDriver.builder(scheduler,
        FrameworkConfig.builder("it-foundation").failoverTimeout(Duration.ofMinutes(5)).build())
        .zk(cluster.zk()).build();
    cluster.keep(driver::stop);
    driver.start();
    for (int i = 0; i < 10; i++) {
      scheduler.submit("task-" + i, "echo hello from $DROVER_TASK_ID; sleep 0.2");
    }
    driver.revive();
    for (int i = 0; i < 10; i++) {
      String id = "task-" + i;
      Await.until(id + " finished", TIMEOUT, () -> scheduler.reached(id, TaskState.FINISHED));
      List<TaskState> seen = scheduler.statesOf(id);
      assertTrue(seen.indexOf(TaskState.RUNNING) >= 0 && seen.indexOf(TaskState.RUNNING) < seen.indexOf(
          TaskState.FINISHED), id + " went RUNNING then FINISHED: " + seen);
    }
    Await.until("the master's state shows the ten finished tasks", TIMEOUT,
        () -> cluster.tasksIn("TASK_FINISHED") == 10);

    ProcessCluster.whichIs(masters, first).kill9();

    Await.until("another master leads", TIMEOUT,
        () -> leaders.leader().map(l -> !l.id().equals(first.id())).orElse(false));
    assertNotEquals(first.grpcTarget(), leaders.leader().orElseThrow().grpcTarget());
    Await.until("both agents re-registered with the new leader", TIMEOUT, () -> cluster.activeAgents() == 2);
    Await.until("the framework re-subscribed", TIMEOUT, () -> scheduler.reregistrations.get() >= 1);
    assertEquals(1, scheduler.registrations.get(), "the framework kept its id: registered once, then re-registered");

    scheduler.submit("after-failover", "echo still here");
    driver.revive();
    Await.until("a task launched through the new leader finished", TIMEOUT,
        () -> scheduler.reached("after-failover", TaskState.FINISHED));
  }
}
