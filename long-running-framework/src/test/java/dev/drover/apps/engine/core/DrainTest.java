package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.EngineEvent;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.RunSpec;
import dev.drover.sdk.TaskSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A running instance is announced as draining and killed only after its drain period (issue 12, item 2). */
class DrainTest {
  final EngineHarness h = new EngineHarness();

  RunSpec web(int n, String drainSeconds) {
    return RunSpec.builder("/web").instances(n).cpus(0.1).mem(32).cmd("sleep 1000")
        .label(Drain.LABEL, drainSeconds).build();
  }

  @Test
  void aScaleDownDrainsTheRunningInstanceBeforeKillingIt() {
    h.deploy(new AppChange.Put(web(2, "5")));
    List<TaskSpec> tasks = h.offer("a1", 4, 1024);
    h.run(tasks, null);
    h.deploy(new AppChange.Put(web(1, "5")));
    List<EngineEvent> draining = h.events.stream()
        .filter(e -> e.eventType().equals(EventTypes.INSTANCE_DRAINING)).toList();
    assertEquals(1, draining.size(), h.eventTypes().toString());
    String victim = (String) draining.get(0).fields().get("taskId");
    assertTrue(h.driver.killed.isEmpty(), "no kill during the drain period");
    assertEquals(1, h.countState("/web", "TASK_KILLING"), "the draining instance shows as TASK_KILLING");
    h.advance(Duration.ofSeconds(4));
    assertTrue(h.driver.killed.isEmpty(), "still draining at 4 s");
    h.advance(Duration.ofSeconds(2));
    assertEquals(List.of(victim), h.driver.killed);
  }

  @Test
  void noDrainLabelAndNoDefaultKillsAtOnce() {
    h.deploy(new AppChange.Put(web(2, "0")));
    h.run(h.offer("a1", 4, 1024), null);
    h.deploy(new AppChange.Put(web(1, "0")));
    assertEquals(1, h.driver.killed.size());
    assertFalse(h.eventTypes().contains(EventTypes.INSTANCE_DRAINING));
  }

  @Test
  void anInstanceThatNeverRanIsKilledAtOnce() {
    h.deploy(new AppChange.Put(web(1, "5")));
    h.offer("a1", 4, 1024);  // staged, never running
    h.engine.deploy(new dev.drover.apps.engine.DeploymentRequest(List.of(new AppChange.Put(web(0, "5"))),
        h.timer.now(), true)).join();
    assertEquals(1, h.driver.killed.size());
  }
}
