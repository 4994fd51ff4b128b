package dev.drover.master.core;

import static dev.drover.master.core.FailoverTest.FW;
import static dev.drover.master.core.FailoverTest.settle;
import static dev.drover.master.core.FailoverTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.maintenance.DrainView;
import dev.drover.master.task.Reason;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Draining an agent: offers, frameworks told, kill after the grace period, DRAINED, undrain, failover. */
class MaintenanceTest {
  private final FailoverTest fixture = new FailoverTest();
  private final MasterCore core = fixture.leader(Duration.ofSeconds(10), 5, Duration.ofHours(1));

  @AfterEach
  void stop() {
    fixture.stop();
  }

  @Test
  void aDrainedAgentIsNotOfferedItsTasksAreKilledAfterTheGracePeriodAndUndrainRestoresIt() throws Exception {
    FailoverTest.Setup s = fixture.runningTask(core, FW);
    FakeChannels.Framework f = s.framework();
    DrainView view = core.drainAgent(s.agent().id, Duration.ofSeconds(30), true).get(5, TimeUnit.SECONDS);
    assertEquals("DRAINING", view.state());
    assertEquals(Reason.AGENT_DRAINING, f.updates.get(f.updates.size() - 1).reason());
    assertEquals(TaskState.RUNNING, f.updates.get(f.updates.size() - 1).state());
    assertEquals(1, fixture.store.load().drains().size(), "persisted");

    int offers = f.offers.size();
    core.frameworkCall(f, f.id, new FrameworkCall.Revive());
    settle(core);
    assertEquals(offers, f.offers.size(), "no offers from a draining agent");

    fixture.clock.advance(Duration.ofSeconds(29));
    core.tick();
    settle(core);
    assertTrue(s.agent().log.stream().noneMatch(l -> l.startsWith("KILL")), s.agent().log.toString());
    fixture.clock.advance(Duration.ofSeconds(2));
    core.tick();
    settle(core);
    assertEquals("KILL t1", s.agent().log.get(s.agent().log.size() - 1));
    core.agentStatusUpdate(s.agent(), f.id, status("t1", f.id, s.agent().id, TaskState.KILLED, 2));
    settle(core);
    assertEquals(List.of("DRAINED"), core.maintenance().stream().map(DrainView::state).toList());

    core.undrainAgent(s.agent().id).get(5, TimeUnit.SECONDS);
    settle(core);
    assertTrue(core.maintenance().isEmpty());
    assertTrue(fixture.store.load().drains().isEmpty());
    core.frameworkCall(f, f.id, new FrameworkCall.Revive());
    settle(core);
    assertTrue(f.offers.size() > offers, "offered again after undrain");
  }

  @Test
  void drainsSurviveFailoverAndUnknownAgentsAreRefused() throws Exception {
    FailoverTest.Setup s = fixture.runningTask(core, FW);
    core.drainAgent(s.agent().id, Duration.ZERO, false).get(5, TimeUnit.SECONDS);
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> core.drainAgent("nobody", Duration.ZERO, false).get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IllegalArgumentException && e.getCause().getMessage().startsWith("agentId"));
    core.deposed("test");
    settle(core);

    MasterCore next = fixture.leader(Duration.ofSeconds(10), 5, Duration.ofHours(1));
    assertEquals(List.of(s.agent().id), next.maintenance().stream().map(DrainView::agentId).toList());

    FakeChannels.Framework f = new FakeChannels.Framework();
    next.frameworkSubscribe(f, s.framework().id, FW, List.of());
    settle(next);
    FakeChannels.Agent back = new FakeChannels.Agent();
    next.agentRegister(back, s.agent().id, true, FailoverTest.AGENT, List.of());
    settle(next);
    next.tick();
    settle(next);
    long rescinded = f.log.stream().filter(l -> l.startsWith("RESCIND")).count();
    assertEquals(f.offers.size(), rescinded, "a recovered drain leaves no offer of the agent standing: " + f.log);
  }
}
