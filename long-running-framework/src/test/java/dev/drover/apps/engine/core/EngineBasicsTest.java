package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.RunSpec;
import dev.drover.model.TaskState;
import dev.drover.sdk.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBasicsTest {
  final EngineHarness h = new EngineHarness();

  RunSpec web(int n) {
    return RunSpec.builder("/prod/web").instances(n).cpus(0.5).mem(64).cmd("sleep 1000")
        .portDefinitions(List.of(new dev.drover.apps.engine.PortDefinition(0, "tcp", "http"))).build();
  }

  @Test
  void launchesTheWantedInstancesWithPortsEnvAndLabels() {
    h.deploy(new AppChange.Put(web(3)));
    assertEquals(3, h.engine.queue().get(0).count());
    List<TaskSpec> tasks = h.offer("a1", 4, 1024);
    assertEquals(3, tasks.size());
    TaskSpec t = tasks.get(0);
    assertEquals("prod_web.instance-u2", t.taskId());
    assertEquals("/prod/web", t.env().get("MARATHON_APP_ID"));
    assertEquals("/prod/web", t.env().get("DROVER_APP_ID"));
    assertEquals(t.taskId(), t.env().get("DROVER_TASK_ID"));
    assertEquals("a1.host", t.env().get("HOST"));
    assertEquals("31000", t.env().get("PORT0"));
    assertEquals("31000", t.env().get("PORTS"));
    assertEquals("/prod/web", t.labels().get("DROVER_APP_ID"));
    assertEquals(3, h.countState("/prod/web", "TASK_STAGING"));
    assertTrue(h.engine.queue().isEmpty());
    h.run(tasks, null);
    assertEquals(3, h.engine.counts().get("/prod/web").running());
    assertTrue(h.eventTypes().contains("deployment_success"), h.eventTypes().toString());
    assertTrue(h.engine.deployments().isEmpty());
    assertEquals(3, h.driver.acked.size(), "every update acknowledged after it was handled");
  }

  @Test
  void replacesAFailedInstanceAtOnceAndBacksOffWhenItsReplacementFailsToo() {
    h.deploy(new AppChange.Put(web(2)));
    List<TaskSpec> tasks = h.offer("a1", 4, 1024);
    h.run(tasks, null);
    h.status(tasks.get(0).taskId(), TaskState.FAILED);
    assertEquals(1, h.instances("/prod/web").size());
    assertEquals("TASK_FAILED", h.engine.lastTaskFailures().get("/prod/web").state());
    List<TaskSpec> replacement = h.offer("a1", 4, 1024);
    assertEquals(1, replacement.size(), "an instance that ran, then died, is replaced at once");
    h.status(replacement.get(0).taskId(), TaskState.FAILED);  // before it was ever ready
    assertTrue(h.engine.queue().get(0).delayed(), "a second failure in a row backs off");
    assertTrue(h.offer("a1", 4, 1024).isEmpty(), "no launch inside the back-off");
    h.advance(java.time.Duration.ofMillis(1200));  // backoffSeconds 1 × backoffFactor 1.15
    assertEquals(1, h.offer("a1", 4, 1024).size());
  }

  @Test
  void deletingTheAppKillsItsInstancesAndForgetsItOnceTheyEnded() {
    h.deploy(new AppChange.Put(web(2)));
    List<TaskSpec> tasks = h.offer("a1", 4, 1024);
    h.run(tasks, null);
    h.deploy(new AppChange.Remove("/prod/web"));
    assertEquals(2, h.driver.killed.size());
    assertTrue(h.engine.apps().containsKey("/prod/web"));
    tasks.forEach(t -> h.status(t.taskId(), TaskState.KILLED));
    assertFalse(h.engine.apps().containsKey("/prod/web"));
    assertTrue(h.eventTypes().contains("app_terminated_event"));
    assertTrue(h.engine.lastTaskFailures().isEmpty(), "kills the engine asked for are no failures");
  }

  @Test
  void unknownTasksReportedByTheMasterAreKilled() {
    h.status("stray.instance-x", TaskState.RUNNING);
    assertEquals(List.of("stray.instance-x"), h.driver.killed);
  }

  @Test
  void callsOnAClosedEngineFailInsteadOfHanging() {
    h.engine.close();
    java.util.concurrent.CompletableFuture<?> f = h.engine.resetDelay("/prod/web");
    java.util.concurrent.CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.CompletionException.class, f::join);
    assertTrue(e.getCause() instanceof dev.drover.apps.engine.EngineException);
    assertTrue(h.driver.stopped, "closing stops the driver with failover");
  }

  @Test
  void killByHostAndWipe() {
    h.deploy(new AppChange.Put(web(2).toBuilder().portDefinitions(List.of()).build()));
    List<TaskSpec> onA1 = h.offer("a1", 0.5, 1024);
    List<TaskSpec> onA2 = h.offer("a2", 0.5, 1024);
    h.run(onA1, null);
    h.run(onA2, null);
    var r = h.engine.kill(new dev.drover.apps.engine.KillRequest(java.util.Optional.of("/prod/web"), List.of(),
        java.util.Optional.of("a2.host"), false, true)).join();
    assertEquals(List.of(onA2.get(0).taskId()), r.killed().stream().map(dev.drover.apps.engine.InstanceView::id)
        .toList());
    assertEquals(1, h.instances("/prod/web").size(), "wiped: forgotten at once");
    assertTrue(h.driver.killed.contains(onA2.get(0).taskId()));
    assertEquals(1, h.offer("a2", 0.5, 1024).size(), "and replaced");
  }
}
