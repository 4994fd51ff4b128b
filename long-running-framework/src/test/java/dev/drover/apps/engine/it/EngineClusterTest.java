package dev.drover.apps.engine.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.core.Engine;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.Timer;
import dev.drover.testkit.Await;
import dev.drover.testkit.DroverCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine against real masters (embedded ZooKeeper, gRPC) and simulated agents. */
class EngineClusterTest {
  static final Duration T = Duration.ofSeconds(20);

  @RegisterExtension
  final DroverCluster cluster = DroverCluster.builder().agents(3).timeout(T).build();

  final ExecutorService loop = Executors.newSingleThreadExecutor();
  final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  final List<TaskStatus> reconciled = new CopyOnWriteArrayList<>();
  Engine engine;
  SchedulerDriver driver;

  void startEngine() {
    startEngine(new InMemoryStateStore(), null);
  }

  void startEngine(dev.drover.sdk.state.StateStore store, String frameworkId) {
    engine = Engine.create(store, Timer.of(timers), EngineOptions.defaults(), loop);
    Scheduler recording = new Scheduler() {
      @Override
      public void registered(SchedulerDriver d, String frameworkId, String masterId) {
        engine.registered(d, frameworkId, masterId);
      }

      @Override
      public void reregistered(SchedulerDriver d, String masterId) {
        engine.reregistered(d, masterId);
      }

      @Override
      public void disconnected(SchedulerDriver d) {
        engine.disconnected(d);
      }

      @Override
      public void resourceOffers(SchedulerDriver d, List<Offer> offers) {
        engine.resourceOffers(d, offers);
      }

      @Override
      public void statusUpdate(SchedulerDriver d, TaskStatus status) {
        if (status.reason().equals("REASON_RECONCILIATION")) {
          reconciled.add(status);
        }
        engine.statusUpdate(d, status);
      }

      @Override
      public void agentLost(SchedulerDriver d, String agentId) {
        engine.agentLost(d, agentId);
      }
    };
    var builder = cluster.driver(recording, FrameworkConfig.builder("apps-test").partitionAware()
        .failoverTimeout(Duration.ofMinutes(5)).build()).implicitAcknowledgements(false);
    if (frameworkId != null) {
      builder.frameworkId(frameworkId);
    }
    driver = builder.build();
    engine.attach(driver);
    engine.start();
    driver.start();
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    loop.shutdownNow();
    timers.shutdownNow();
  }

  static RunSpec app(int n) {
    return RunSpec.builder("/it/sleep").instances(n).cpus(0.1).mem(16).cmd("sleep 1000")
        .killSelection(KillSelection.YOUNGEST_FIRST).backoffSeconds(0.2).build();
  }

  void deploy(RunSpec spec) {
    engine.deploy(new DeploymentRequest(List.of(new AppChange.Put(spec)), Instant.now(), true)).join();
  }

  Set<String> running() {
    return engine.instances("/it/sleep").stream().filter(i -> i.state().equals("TASK_RUNNING"))
        .map(InstanceView::id).collect(Collectors.toCollection(TreeSet::new));
  }

  void awaitRunning(int n) {
    Await.until(n + " instances running", T, () -> running().size() == n
        && engine.instances("/it/sleep").size() == n && engine.deployments().isEmpty());
  }

  @Test
  void keepsInstancesRunningReplacesKilledOnesAndScales() {
    startEngine();
    deploy(app(3));
    awaitRunning(3);
    assertEquals(running(), new TreeSet<>(cluster.liveTasks()));

    String victim = running().iterator().next();
    assertTrue(cluster.killTask(victim));
    Await.until("replaced", T, () -> running().size() == 3 && !running().contains(victim));
    assertEquals("TASK_FAILED", engine.lastTaskFailures().get("/it/sleep").state());

    deploy(app(5).toBuilder().version(Instant.now()).build());
    awaitRunning(5);
    String earliest = engine.instances("/it/sleep").stream().map(InstanceView::startedAt).min(String::compareTo)
        .orElseThrow();
    Set<String> oldest = engine.instances("/it/sleep").stream().filter(i -> i.startedAt().equals(earliest))
        .map(InstanceView::id).collect(Collectors.toSet());
    deploy(app(1).toBuilder().version(Instant.now()).build());
    awaitRunning(1);
    assertTrue(oldest.containsAll(running()), "YOUNGEST_FIRST keeps the oldest (ties within a millisecond)");
    String survivor = running().iterator().next();
    Await.until("killed tasks gone from the agents", T, () -> cluster.liveTasks().equals(List.of(survivor)));
  }

  @Test
  void aNewFrameworkLeaderResumesFromZooKeeperAndRestartsNoTask() {
    try (var zk = dev.drover.zk.ZkClients.start(cluster.zkConnect())) {
      var store = new dev.drover.sdk.state.ZkStateStore(zk, "apps-test");
      startEngine(store, null);
      deploy(app(3));
      awaitRunning(3);
      Set<String> before = running();
      String frameworkId = Await.value("framework id", T, () -> engine.frameworkId().orElse(null));
      engine.close();
      startEngine(store, frameworkId);
      Await.until("resumed and reconciled", T, () -> engine.isConnected()
          && reconciled.stream().map(TaskStatus::taskId).collect(Collectors.toSet()).containsAll(before));
      Await.until("instances loaded from ZooKeeper, still running", T, () -> running().equals(before));
      deploy(app(4).toBuilder().version(Instant.now()).build());
      awaitRunning(4);
      assertTrue(running().containsAll(before), "no task restarted");
      engine.close();
    }
  }

  @Test
  void aMasterFailoverRestartsNoTask() {
    startEngine();
    deploy(app(3));
    awaitRunning(3);
    Set<String> before = running();
    String old = cluster.leader().id();
    assertFalse(cluster.failover().id().equals(old));
    Await.until("reconciled with the new master", T, () -> engine.isConnected()
        && reconciled.stream().map(TaskStatus::taskId).collect(Collectors.toSet()).containsAll(before));
    Await.until("still the same tasks", T, () -> running().equals(before));
    awaitRunning(3);
    assertEquals(before, running(), "the same tasks run");
    assertEquals(before, new TreeSet<>(cluster.liveTasks()));
  }
}
