package dev.drover.master.core;

import static dev.drover.master.core.FailoverTest.AGENT;
import static dev.drover.master.core.FailoverTest.AWARE;
import static dev.drover.master.core.FailoverTest.FW;
import static dev.drover.master.core.FailoverTest.reported;
import static dev.drover.master.core.FailoverTest.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.state.AgentState;
import dev.drover.master.task.Reason;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings, missed pings, and an agent coming back: manual clock, fake streams. */
class AgentHealthTest {
  private final FailoverTest fixture = new FailoverTest();
  private final MasterCore core = fixture.leader(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));

  @AfterEach
  void stop() {
    fixture.stop();
  }

  private void rounds(int n) {
    for (int i = 0; i < n; i++) {
      fixture.clock.advance(Duration.ofSeconds(1));
      core.tick();
      settle(core);
    }
  }

  @Test
  void anAgentThatAnswersPingsStaysActive() {
    FailoverTest.Setup s = fixture.runningTask(core, FW);
    for (int i = 1; i <= 6; i++) {
      rounds(1);
      core.agentPong(s.agent(), i);
    }
    settle(core);
    assertEquals(AgentState.ACTIVE, core.snapshot().agents().get(0).state());
  }

  @Test
  void missedPingsMakeTheAgentUnreachableAndItsTasksLost() {
    FailoverTest.Setup s = fixture.runningTask(core, FW);
    FakeChannels.Framework f = s.framework();
    rounds(3);
    assertEquals(AgentState.ACTIVE, core.snapshot().agents().get(0).state(), "3 missed is the limit, not past it");
    rounds(1);
    assertEquals(AgentState.UNREACHABLE, core.snapshot().agents().get(0).state());
    assertTrue(s.agent().log.get(s.agent().log.size() - 1).startsWith("FAIL agent"), s.agent().log.toString());
    assertEquals(TaskState.LOST, f.updates.get(f.updates.size() - 1).state());
    assertEquals(Reason.AGENT_UNREACHABLE, f.updates.get(f.updates.size() - 1).reason());
    assertTrue(f.log.contains("FAILURE " + s.agent().id), f.log.toString());

    FakeChannels.Agent back = new FakeChannels.Agent();
    core.agentRegister(back, s.agent().id, true, AGENT, List.of(reported("t1", f.id, s.agent().id,
        TaskState.RUNNING)));
    settle(core);
    assertEquals(List.of("REGISTERED " + s.agent().id, "KILL t1"), back.log,
        "a task already reported LOST to a framework that is not partition-aware is killed");
  }

  @Test
  void aPartitionAwareFrameworkSeesItsTaskUnreachableThenRunningAgainAndUnreportedTasksGone() {
    FailoverTest.Setup s = fixture.runningTask(core, AWARE);
    FakeChannels.Framework f = s.framework();
    core.frameworkCall(f, f.id, new FrameworkCall.Revive());
    settle(core);
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(f.offers.get(f.offers.size() - 1).id()), true,
        List.of(new dev.drover.master.launch.TaskSpec("t2", "t", "", dev.drover.model.Resources.parse("cpus:0.5"),
            null, new byte[0])), null));
    settle(core);
    core.agentDisconnected(s.agent());
    rounds(4);
    assertEquals(AgentState.UNREACHABLE, core.snapshot().agents().get(0).state());
    assertEquals(List.of(TaskState.UNREACHABLE, TaskState.UNREACHABLE),
        f.updates.subList(f.updates.size() - 2, f.updates.size()).stream().map(u -> u.state()).toList());

    FakeChannels.Agent back = new FakeChannels.Agent();
    core.agentRegister(back, s.agent().id, true, AGENT, List.of(reported("t1", f.id, s.agent().id,
        TaskState.RUNNING)));
    settle(core);
    assertEquals(List.of("REGISTERED " + s.agent().id), back.log);
    List<String> last = f.updates.subList(f.updates.size() - 2, f.updates.size()).stream()
        .map(u -> u.taskId() + " " + u.state()).toList();
    assertTrue(last.contains("t1 RUNNING") && last.contains("t2 GONE"), last.toString());
    assertEquals(AgentState.ACTIVE, core.snapshot().agents().get(0).state());
  }
}
