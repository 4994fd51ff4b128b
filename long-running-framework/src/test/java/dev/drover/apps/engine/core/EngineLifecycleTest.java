package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.EngineEvent;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnreachableStrategy;
import dev.drover.model.TaskState;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.state.InMemoryStateStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineLifecycleTest {
  final EngineHarness h = new EngineHarness();

  static RunSpec spec(int n) {
    return RunSpec.builder("/svc").instances(n).cpus(0.1).mem(16).cmd("x").build();
  }

  @Test
  void anUnreachableInstanceIsReplacedAfterInactiveAndForgottenAfterExpunge() {
    h.deploy(new AppChange.Put(spec(1).toBuilder().unreachableStrategy(new UnreachableStrategy(60, 300)).build()));
    List<TaskSpec> first = h.offer("a1", 4, 1024);
    h.run(first, null);
    String lost = first.get(0).taskId();
    h.status(lost, TaskState.UNREACHABLE);
    h.advance(Duration.ofSeconds(30));
    assertTrue(h.offer("a2", 4, 1024).isEmpty(), "not replaced before inactiveAfterSeconds");
    h.advance(Duration.ofSeconds(31));
    List<TaskSpec> replacement = h.offer("a2", 4, 1024);
    assertEquals(1, replacement.size(), "replaced after inactiveAfterSeconds");
    h.run(replacement, null);
    h.advance(Duration.ofSeconds(240));
    assertFalse(h.instances("/svc").stream().anyMatch(i -> i.id().equals(lost)), "expunged");
    assertTrue(h.driver.killed.contains(lost), "killed in case it comes back");
    h.status(lost, TaskState.RUNNING);
    assertEquals(2, h.driver.killed.stream().filter(lost::equals).count(), "an expunged task that returns is killed");
    assertEquals(1, h.instances("/svc").size());
  }

  @Test
  void anUnreachableInstanceThatComesBackBeforeExpungeLeavesOneExtraWhichIsKilled() {
    h.deploy(new AppChange.Put(spec(1).toBuilder().unreachableStrategy(new UnreachableStrategy(0, 600)).build()));
    List<TaskSpec> first = h.offer("a1", 4, 1024);
    h.run(first, null);
    h.status(first.get(0).taskId(), TaskState.UNREACHABLE);
    List<TaskSpec> replacement = h.offer("a2", 4, 1024);
    h.run(replacement, null);
    h.status(first.get(0).taskId(), TaskState.RUNNING);
    assertEquals(1, h.driver.killed.size(), "one of the two is killed");
  }

  @Test
  void unhealthyInstancesAreKilledWithAnEventAndReplaced() {
    h.deploy(new AppChange.Put(spec(1).toBuilder().healthCheck(HealthCheck.tcp(0)).build()));
    List<TaskSpec> first = h.offer("a1", 4, 1024);
    h.run(first, true);
    h.status(first.get(0).taskId(), TaskState.RUNNING, false);
    assertEquals(List.of(first.get(0).taskId()), h.driver.killed);
    assertTrue(h.eventTypes().containsAll(List.of("health_status_changed_event", "failed_health_check_event",
        "unhealthy_instance_kill_event")), h.eventTypes().toString());
    assertEquals(1, h.offer("a1", 4, 1024).size(), "replacement launched at once");
  }

  @Test
  void everyHealthCheckOfTheAppReachesTheTask() {
    h.deploy(new AppChange.Put(spec(1).toBuilder().portDefinitions(List.of(
        new dev.drover.apps.engine.PortDefinition(0, "tcp", "a"),
        new dev.drover.apps.engine.PortDefinition(0, "tcp", "b")))
        .healthChecks(List.of(HealthCheck.http("/a", 0), HealthCheck.tcp(1))).build()));
    TaskSpec task = h.offer("a1", 4, 1024).get(0);
    assertEquals(List.of(HealthCheck.Protocol.HTTP, HealthCheck.Protocol.TCP),
        task.healthChecks().stream().map(HealthCheck::protocol).toList());
    h.run(List.of(task), true);
    h.status(task.taskId(), TaskState.RUNNING, false);
    assertEquals(List.of(task.taskId()), h.driver.killed, "unhealthy (one check failing) is killed");
  }

  @Test
  void theBackOffGrowsWithFailuresAndASuccessfulRunResetsIt() {
    h.deploy(new AppChange.Put(spec(1).toBuilder().backoffSeconds(1).backoffFactor(2).build()));
    for (int k = 0; k < 3; k++) {
      h.advance(Duration.ofSeconds(10));
      List<TaskSpec> t = h.offer("a1", 4, 1024);
      assertEquals(1, t.size());
      h.status(t.get(0).taskId(), TaskState.FAILED);
    }
    assertEquals(4.0, h.engine.queue().get(0).backoffSeconds());
    h.engine.resetDelay("/svc").join();
    assertFalse(h.engine.queue().get(0).delayed(), "reset through the API");
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.status(t.get(0).taskId(), TaskState.FAILED);
    assertEquals(1.0, h.engine.queue().get(0).backoffSeconds(), "after a reset the back-off starts over");
  }

  @Test
  void aSuccessfulRunResetsTheBackOff() {
    h.deploy(new AppChange.Put(spec(2).toBuilder().backoffSeconds(1).backoffFactor(2).build()));
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.status(t.get(0).taskId(), TaskState.RUNNING);
    h.status(t.get(1).taskId(), TaskState.FAILED);
    assertEquals(1.0, h.engine.queue().get(0).backoffSeconds());
    h.advance(Duration.ofSeconds(11));
    assertEquals(1.0, h.engine.queue().get(0).backoffSeconds(),
        "an instance that was ready before the failure proves nothing");
    List<TaskSpec> replacement = h.offer("a1", 4, 1024);
    h.status(replacement.get(0).taskId(), TaskState.RUNNING);
    h.advance(Duration.ofSeconds(11));
    h.status(t.get(0).taskId(), TaskState.FAILED);
    assertEquals(0.0, h.engine.queue().get(0).backoffSeconds(),
        "the replacement ran for 10 s: the back-off started over, and a ready instance that died is replaced at once");
    assertFalse(h.engine.queue().get(0).delayed());
    List<TaskSpec> again = h.offer("a1", 4, 1024);
    assertEquals(1, again.size(), "launched without waiting");
    h.status(again.get(0).taskId(), TaskState.FAILED);
    assertEquals(2.0, h.engine.queue().get(0).backoffSeconds(), "its replacement dying too backs off (n = 2)");
    assertTrue(h.engine.queue().get(0).delayed());
  }

  @Test
  void launchesPerRoundAreBounded() {
    EngineHarness small = new EngineHarness(new InMemoryStateStore(),
        EngineOptions.defaults().withMaxLaunchesPerRound(2), new AtomicInteger());
    small.deploy(new AppChange.Put(spec(5)));
    assertEquals(2, small.offer("a1", 4, 1024).size());
    assertEquals(2, small.offer("a1", 4, 1024).size());
    assertEquals(1, small.offer("a1", 4, 1024).size());
  }

  @Test
  void killsPerRoundAreBounded() {
    EngineHarness small = new EngineHarness(new InMemoryStateStore(),
        EngineOptions.defaults().withMaxKillsPerRound(2), new AtomicInteger());
    small.deploy(new AppChange.Put(spec(5)));
    small.run(small.offer("a1", 4, 1024), null);
    small.deploy(new AppChange.Put(spec(0).toBuilder().version(small.timer.now().plusSeconds(1)).build()
        .scaledTo(0, small.timer.now().plusSeconds(1))));
    assertEquals(2, small.driver.killed.size());
    small.advance(Duration.ofSeconds(1));
    assertEquals(4, small.driver.killed.size());
  }

  @Test
  void statusEventsCarryMarathonsFields() {
    h.deploy(new AppChange.Put(spec(1)));
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.run(t, null);
    EngineEvent e = h.events.stream().filter(x -> x.eventType().equals("status_update_event")).findFirst()
        .orElseThrow();
    assertEquals("TASK_RUNNING", e.fields().get("taskStatus"));
    assertEquals("/svc", e.fields().get("appId"));
    assertEquals("a1", e.fields().get("slaveId"));
    assertEquals("status_update_event", e.toMap().get("eventType"));
    assertTrue(h.eventTypes().contains("instance_changed_event"));
    assertTrue(h.eventTypes().contains("deployment_info"));
    assertTrue(h.eventTypes().contains("deployment_step_success"));
  }

  @Test
  void aTaskTheMasterNeverHeardOfIsReplaced() {
    h.deploy(new AppChange.Put(spec(1)));
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.status(t.get(0).taskId(), TaskState.UNKNOWN);
    assertTrue(h.instances("/svc").isEmpty());
    h.advance(Duration.ofSeconds(2));
    assertEquals(1, h.offer("a1", 4, 1024).size());
  }

  @Test
  void offersAreSuppressedWhenNothingWaitsAndRevivedWhenSomethingDoes() {
    h.deploy(new AppChange.Put(spec(1)));
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.run(t, null);
    int suppresses = h.driver.suppresses;
    assertTrue(suppresses >= 1);
    int revives = h.driver.revives;
    h.status(t.get(0).taskId(), TaskState.FAILED);
    assertEquals(revives + 1, h.driver.revives);
  }

  @Test
  void unansweredKillsAreSentAgainAndANewLeaderResendsThem() {
    h.deploy(new AppChange.Put(spec(1)));
    List<TaskSpec> t = h.offer("a1", 4, 1024);
    h.run(t, null);
    String id = t.get(0).taskId();
    h.engine.kill(dev.drover.apps.engine.KillRequest.tasks(List.of(id))).join();
    assertEquals(List.of(id), h.driver.killed);
    h.advance(Duration.ofSeconds(10));
    assertEquals(1, h.driver.killed.stream().filter(id::equals).count(), "not yet");
    h.advance(Duration.ofSeconds(21));
    assertEquals(2, h.driver.killed.stream().filter(id::equals).count(), "sent again after 30 s");
    EngineHarness next = h.failover();
    assertTrue(next.driver.killed.contains(id), "the new leader re-sends the kill");
  }
}
