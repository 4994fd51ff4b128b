package dev.drover.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.model.TaskState;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatedClusterTest {
  static final Duration T = Duration.ofSeconds(10);

  @RegisterExtension
  final DroverCluster cluster = DroverCluster.builder().agents(2).manualClock()
      .attributes(i -> "rack:r" + i)
      .behavior(t -> switch (t.taskId()) {
        case "short" -> TaskBehavior.runFor(Duration.ofSeconds(30), 0);
        case "crash" -> TaskBehavior.runFor(Duration.ofSeconds(5), 3);
        case "broken" -> TaskBehavior.failingToStart();
        default -> TaskBehavior.runForever().withHealth(true);
      })
      .build();

  SchedulerDriver start(TestFramework fw) {
    SchedulerDriver d = cluster.driver(fw, FrameworkConfig.builder("test").build()).build();
    d.start();
    return d;
  }

  @Test
  void tasksRunAndEndOnTheManualClock() {
    TestFramework fw = new TestFramework("short", "crash", "broken", "long");
    SchedulerDriver d = start(fw);
    Await.until("tasks running", T, () -> fw.is("short", TaskState.RUNNING) && fw.is("crash", TaskState.RUNNING)
        && fw.is("long", TaskState.RUNNING) && fw.is("broken", TaskState.FAILED));
    assertEquals(java.util.Optional.of(true), fw.latest.get("long").healthy());
    cluster.clock().advance(Duration.ofSeconds(5));
    Await.until("crash failed", T, () -> fw.is("crash", TaskState.FAILED));
    assertEquals(OptionalInt.of(3), fw.latest.get("crash").exitCode());
    assertTrue(fw.is("short", TaskState.RUNNING));
    cluster.clock().advance(Duration.ofSeconds(25));
    Await.until("short finished", T, () -> fw.is("short", TaskState.FINISHED));
    assertEquals(List.of("long"), cluster.liveTasks());
    d.stop();
  }

  @Test
  void killATaskFromOutsideAndFromTheFramework() {
    TestFramework fw = new TestFramework("a", "b");
    SchedulerDriver d = start(fw);
    Await.until("running", T, () -> fw.is("a", TaskState.RUNNING) && fw.is("b", TaskState.RUNNING));
    assertTrue(cluster.killTask("a"));
    Await.until("a failed", T, () -> fw.is("a", TaskState.FAILED));
    assertEquals(OptionalInt.of(137), fw.latest.get("a").exitCode());
    d.kill("b");
    Await.until("b killed", T, () -> fw.is("b", TaskState.KILLED));
    d.stop();
  }

  @Test
  void masterFailoverKeepsTasksAndTheFramework() {
    TestFramework fw = new TestFramework("a");
    SchedulerDriver d = start(fw);
    Await.until("running", T, () -> fw.is("a", TaskState.RUNNING));
    String old = cluster.leader().id();
    assertTrue(!cluster.failover().id().equals(old));
    Await.until("re-registered", T, () -> fw.events.contains("reregistered"));
    fw.latest.clear();
    Await.until("reconciled as running", T, () -> {
      d.reconcile(List.of(TaskRef.of("a")));
      return fw.is("a", TaskState.RUNNING);
    });
    assertEquals(List.of("a"), cluster.liveTasks());
    d.stop();
  }

  @Test
  void partitionedAgentComesBackWithItsTasks() {
    TestFramework fw = new TestFramework("a", "b");
    SchedulerDriver d = start(fw);
    Await.until("running", T, () -> fw.is("a", TaskState.RUNNING) && fw.is("b", TaskState.RUNNING));
    ClusterAgent agent = cluster.agents().get(0);
    agent.partition();
    agent.heal();
    agent.restart();
    fw.latest.clear();
    Await.until("reconciled as running", T, () -> {
      d.reconcile(List.of());
      return fw.is("a", TaskState.RUNNING) && fw.is("b", TaskState.RUNNING);
    });
    d.stop();
  }
}
