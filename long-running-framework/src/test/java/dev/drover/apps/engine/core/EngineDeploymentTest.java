package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.DeploymentConflictException;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.KillRequest;
import dev.drover.apps.engine.KillResult;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UpgradeStrategy;
import dev.drover.model.TaskState;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EngineDeploymentTest {
  final EngineHarness h = new EngineHarness();

  static RunSpec web(int n, String cmd) {
    return RunSpec.builder("/web").instances(n).cpus(0.1).mem(16).cmd(cmd).healthCheck(HealthCheck.tcp(0))
        .portDefinitions(List.of(new dev.drover.apps.engine.PortDefinition(0, "tcp", "")))
        .upgradeStrategy(new UpgradeStrategy(0.5, 0.0)).build();
  }

  List<TaskSpec> startHealthy(RunSpec spec) {
    h.deploy(new AppChange.Put(spec));
    List<TaskSpec> tasks = h.offer("a1", 8, 4096);
    h.run(tasks, true);
    return tasks;
  }

  long healthy() {
    return h.instances("/web").stream().filter(i -> Boolean.TRUE.equals(i.healthy())).count();
  }

  @Test
  void aRollingRestartKeepsHalfTheInstancesHealthyAndCompletes() {
    startHealthy(web(4, "v1"));
    h.advance(java.time.Duration.ofSeconds(1));
    RunSpec v2 = web(4, "v2").toBuilder().version(h.timer.now()).build();
    h.deploy(new AppChange.Put(v2));
    assertEquals(2, h.driver.killed.size(), "kill 2 old first");
    assertEquals("RestartApplication", h.engine.deployments().get(0).currentActions().get(0).action());
    int rounds = 0;
    while (!h.engine.deployments().isEmpty() && rounds++ < 20) {
      h.driver.killed.stream().toList().forEach(id -> {
        if (h.instances("/web").stream().anyMatch(i -> i.id().equals(id))) {
          h.status(id, TaskState.KILLED);
        }
      });
      assertTrue(healthy() >= 2, "never below minimumHealthCapacity: " + healthy());
      List<TaskSpec> fresh = h.offer("a1", 8, 4096);
      fresh.forEach(t -> assertEquals("v2", ((dev.drover.sdk.Command.Shell) t.command()).command()));
      h.run(fresh, true);
      assertTrue(healthy() >= 2);
    }
    assertTrue(h.engine.deployments().isEmpty(), "deployment finished");
    assertEquals(4, h.instances("/web").size());
    assertTrue(h.instances("/web").stream().allMatch(i -> i.version().equals(
        dev.drover.apps.engine.core.Views.time(v2.version()))));
  }

  @Test
  void newInstancesThatKeepFailingTheirHealthChecksRollTheDeploymentBack() {
    startHealthy(web(2, "v1").toBuilder().upgradeStrategy(UpgradeStrategy.DEFAULT).build());
    h.advance(java.time.Duration.ofSeconds(1));
    h.deploy(new AppChange.Put(web(2, "broken").toBuilder().version(h.timer.now())
        .upgradeStrategy(UpgradeStrategy.DEFAULT).build()));
    for (int k = 0; k < 3 && h.engine.deployments().stream().noneMatch(d -> d.affectedApps().contains("/web")
        && h.engine.app("/web").get().cmd().orElse("").equals("v1")); k++) {
      List<TaskSpec> fresh = h.offer("a1", 8, 4096);
      fresh.forEach(t -> h.status(t.taskId(), TaskState.RUNNING, false));
      fresh.forEach(t -> h.status(t.taskId(), TaskState.KILLED));
      h.engine.resetDelay("/web").join();
    }
    assertTrue(h.eventTypes().contains("deployment_failed"), h.eventTypes().toString());
    assertEquals("v1", h.engine.app("/web").orElseThrow().cmd().orElseThrow(), "back on the previous spec");
    assertEquals(2, h.instances("/web").stream().filter(i -> Boolean.TRUE.equals(i.healthy())).count(),
        "the old instances were never killed (min health 1.0)");
  }

  @Test
  void aConflictingDeploymentIsRefusedUnlessForced() {
    h.deploy(new AppChange.Put(web(2, "v1")));
    CompletionException e = assertThrows(CompletionException.class, () -> h.engine.deploy(
        new DeploymentRequest(List.of(new AppChange.Put(web(3, "v1"))), Instant.now(), false)).join());
    assertTrue(e.getCause() instanceof DeploymentConflictException);
    h.engine.deploy(new DeploymentRequest(List.of(new AppChange.Put(web(3, "v1"))), h.timer.now(), true)).join();
    assertEquals(1, h.engine.deployments().size());
    assertEquals(3, h.engine.app("/web").orElseThrow().instances());
  }

  @Test
  void rollbackReturnsToThePreviousSpecAndForceAbandons() {
    startHealthy(web(2, "v1"));
    String id = h.deploy(new AppChange.Put(web(2, "v2").toBuilder().version(h.timer.now().plusSeconds(5)).build()))
        .deploymentId();
    h.engine.rollback(id, false).join();
    assertEquals("v1", h.engine.app("/web").orElseThrow().cmd().orElseThrow());
    String created = h.deploy(new AppChange.Put(RunSpec.builder("/other").cmd("x").instances(1).build()))
        .deploymentId();
    h.engine.rollback(created, true).join();
    assertTrue(h.engine.deployments().stream().noneMatch(d -> d.id().equals(created)));
  }

  @Test
  void killWithScaleLowersTheInstancesAndWithoutScaleReplaces() {
    List<TaskSpec> tasks = startHealthy(web(3, "v1"));
    KillResult r = h.engine.kill(new KillRequest(Optional.of("/web"), List.of(tasks.get(0).taskId()),
        Optional.empty(), true, false)).join();
    assertEquals(1, r.killed().size());
    assertEquals(2, r.scaledTo().get("/web").instances());
    assertEquals(2, h.engine.app("/web").orElseThrow().instances());
    h.status(tasks.get(0).taskId(), TaskState.KILLED);
    assertTrue(h.offer("a1", 8, 4096).isEmpty(), "scaled down: no replacement");
    h.engine.kill(KillRequest.tasks(List.of(tasks.get(1).taskId()))).join();
    h.status(tasks.get(1).taskId(), TaskState.KILLED);
    assertEquals(1, h.offer("a1", 8, 4096).size(), "killed without scale: replaced");
  }

  @Test
  void dependenciesStartAfterTheAppsTheyDependOnAreReady() {
    RunSpec db = RunSpec.builder("/db").cmd("db").cpus(0.1).mem(16).build();
    RunSpec app = RunSpec.builder("/app").cmd("app").cpus(0.1).mem(16).dependencies(java.util.Set.of("/db")).build();
    h.deploy(new AppChange.Put(app), new AppChange.Put(db));
    List<TaskSpec> first = h.offer("a1", 8, 4096);
    assertEquals(List.of("/db"), first.stream().map(TaskSpec::name).toList());
    h.run(first, null);
    List<TaskSpec> second = h.offer("a1", 8, 4096);
    assertEquals(List.of("/app"), second.stream().map(TaskSpec::name).toList());
  }

  @Test
  void aNewLeaderResumesTheDeploymentWithoutRestartingTasks() {
    List<TaskSpec> tasks = startHealthy(web(4, "v1"));
    h.deploy(new AppChange.Put(web(4, "v2").toBuilder().version(h.timer.now().plusSeconds(1)).build()));
    int killsBefore = h.driver.killed.size();
    EngineHarness next = h.failover();
    assertEquals(4, next.instances("/web").size(), "instances loaded from the store");
    assertEquals(1, next.engine.deployments().size(), "deployment loaded");
    assertTrue(next.driver.reconciles.get(0).size() == 4, "explicit reconciliation of the known tasks");
    assertTrue(h.driver.killed.containsAll(next.driver.killed),
        "the new leader only re-sends its predecessor's kills: " + next.driver.killed);
    List<InstanceView> before = next.instances("/web");
    tasks.stream().filter(t -> !h.driver.killed.contains(t.taskId()))
        .forEach(t -> next.status(t.taskId(), TaskState.RUNNING, true));
    h.driver.killed.forEach(id -> next.status(id, TaskState.KILLED));
    int rounds = 0;
    while (!next.engine.deployments().isEmpty() && rounds++ < 20) {
      List<TaskSpec> fresh = next.offer("a1", 8, 4096);
      next.run(fresh, true);
      next.driver.killed.stream().toList().forEach(id -> next.status(id, TaskState.KILLED));
    }
    assertTrue(next.engine.deployments().isEmpty());
    assertFalse(before.isEmpty());
    assertEquals(2, killsBefore);
  }

  @Test
  void rollingBackToAScaledVersionKeepsTheInstancesOfThatConfig() {
    List<TaskSpec> v1 = startHealthy(web(2, "v1"));
    h.deploy(new AppChange.Put(web(3, "v1").toBuilder().version(h.timer.now().plusSeconds(1)).build()));
    h.run(h.offer("a1", 8, 4096), true);
    String id = h.deploy(new AppChange.Put(web(3, "v2").toBuilder().version(h.timer.now().plusSeconds(2))
        .upgradeStrategy(UpgradeStrategy.DEFAULT).build())).deploymentId();
    List<TaskSpec> v2 = h.offer("a1", 8, 4096);
    assertEquals(3, v2.size());
    int killsBefore = h.driver.killed.size();
    h.engine.rollback(id, false).join();
    assertEquals("v1", h.engine.app("/web").orElseThrow().cmd().orElseThrow());
    List<String> killed = h.driver.killed.subList(killsBefore, h.driver.killed.size());
    assertTrue(v2.stream().map(TaskSpec::taskId).toList().containsAll(killed) && killed.size() == 3,
        "only the v2 instances go: " + killed);
    assertTrue(v1.stream().noneMatch(t -> h.driver.killed.contains(t.taskId())));
  }

  @Test
  void rollingBackADeploymentThatCreatedAppsRemovesThemEvenBeforeTheyStarted() {
    RunSpec db = RunSpec.builder("/db").cmd("db").cpus(0.1).mem(16).build();
    RunSpec app = RunSpec.builder("/app").cmd("app").cpus(0.1).mem(16).dependencies(java.util.Set.of("/db")).build();
    String id = h.deploy(new AppChange.Put(app), new AppChange.Put(db)).deploymentId();
    List<TaskSpec> dbTasks = h.offer("a1", 8, 4096);
    h.engine.rollback(id, false).join();
    assertTrue(h.driver.killed.containsAll(dbTasks.stream().map(TaskSpec::taskId).toList()));
    assertFalse(h.engine.apps().containsKey("/app"), "never started: gone at once");
    dbTasks.forEach(t -> h.status(t.taskId(), TaskState.KILLED));
    assertTrue(h.engine.apps().isEmpty());
    assertTrue(h.engine.deployments().isEmpty());
  }
}
