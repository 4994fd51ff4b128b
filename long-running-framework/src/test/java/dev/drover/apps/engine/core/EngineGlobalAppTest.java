package dev.drover.apps.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.apps.engine.AppChange;
import dev.drover.apps.engine.EngineHarness;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.RunSpec;
import dev.drover.model.TaskState;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.placement.Constraint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Global apps (one instance on every matching agent) follow agents: joining, stopping to match, draining and
 * leaving. An instance on an agent that no longer qualifies is killed and not replaced elsewhere.
 */
class EngineGlobalAppTest {
  final EngineHarness h = new EngineHarness();

  void deployGlobal() {
    h.deploy(new AppChange.Put(RunSpec.builder("/daemon").cmd("x").cpus(0.1).mem(16)
        .constraint(Constraint.parse(List.of("hostname", "GLOBAL")))
        .constraint(Constraint.parse(List.of("rack", "LIKE", "r[12]"))).build()));
  }

  List<TaskSpec> offer(String agent, String rack) {
    List<TaskSpec> t = h.offer(EngineHarness.offer(agent, 4, 1024, Map.of("rack", rack)));
    h.run(t, null);
    return t;
  }

  List<String> agentsRunning() {
    return h.instances("/daemon").stream().filter(i -> i.state().equals("TASK_RUNNING")).map(InstanceView::slaveId)
        .sorted().toList();
  }

  /** Ends every instance the engine killed, as the agent would. */
  void killsComplete() {
    h.driver.killed.forEach(id -> h.status(id, TaskState.KILLED));
  }

  @Test
  void anAgentThatStopsMatchingLosesItsInstanceWhichIsNotReplacedElsewhere() {
    deployGlobal();
    offer("a1", "r1");
    offer("a2", "r2");
    assertEquals(List.of("a1", "a2"), agentsRunning());
    offer("a3", "r9");
    assertEquals(List.of("a1", "a2"), agentsRunning(), "a3 does not match");
    List<TaskSpec> none = offer("a2", "r7");  // a2's attributes changed
    assertEquals(List.of(), none);
    String onA2 = h.instances("/daemon").stream().filter(i -> i.slaveId().equals("a2")).findFirst().orElseThrow().id();
    assertEquals(List.of(onA2), h.driver.killed, "the instance on a2 is killed");
    killsComplete();
    h.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), offer("a3", "r9"));
    assertEquals(List.of(), offer("a1", "r1"));
    assertEquals(List.of("a1"), agentsRunning());
    assertTrue(h.engine.queue().isEmpty(), "nothing waits: one instance per matching agent");
    assertEquals(1, offer("a2", "r1").size(), "matching again: an instance comes back");
  }

  @Test
  void aDrainingAgentLosesItsInstanceAndGetsItBackWhenOfferedAgain() {
    deployGlobal();
    offer("a1", "r1");
    List<TaskSpec> onA2 = offer("a2", "r2");
    String task = onA2.get(0).taskId();
    h.engine.statusUpdate(h.driver, new TaskStatus(task, TaskState.RUNNING, "REASON_AGENT_DRAINING",
        "agent a2 is draining", "a2", OptionalInt.empty(), Optional.empty(), h.timer.now(),
        TaskStatus.Source.MASTER, "", ""));
    assertEquals(List.of(task), h.driver.killed);
    killsComplete();
    h.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), offer("a1", "r1"), "not replaced elsewhere");
    assertEquals(List.of("a1"), agentsRunning());
    assertTrue(h.engine.queue().isEmpty());
    assertEquals(1, offer("a2", "r2").size(), "undrained: offered again, runs one again");
  }

  @Test
  void aLostAgentsInstanceIsNotReplacedElsewhere() {
    deployGlobal();
    offer("a1", "r1");
    String task = offer("a2", "r2").get(0).taskId();
    h.status(task, TaskState.UNREACHABLE);
    h.engine.agentLost(h.driver, "a2");
    h.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), offer("a1", "r1"));
    assertTrue(h.engine.queue().isEmpty(), "nothing waits for the lost agent");
    assertTrue(h.driver.killed.contains(task), "killed should it come back");
    assertEquals(List.of("a1"), agentsRunning());
  }
}
