package dev.drover.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serial loop with fake streams: no network, no ZooKeeper; {@link MasterCore#drain} steps it. */
class MasterCoreTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private static final AgentDescriptor AGENT = new AgentDescriptor("h1", 5052,
      Resources.parse("cpus:2;mem:1024"), List.of(), "", "", "test");
  private static final FrameworkDescriptor FW = new FrameworkDescriptor("fw", "nobody", List.of(), 0, false,
      List.of(), "", "", "");

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private MasterCore core;

  @BeforeEach
  void lead() {
    core = new MasterCore(new MasterSettings("m1", NEVER, NEVER, NEVER, Duration.ofSeconds(5)), clock,
        () -> "not the leader; leader=other:5051");
    core.elected(() -> true);
    core.drain();
  }

  @AfterEach
  void stop() {
    core.close();
  }

  /** Runs what is queued and then the allocation cycle a command may have asked for. */
  private void settle() {
    core.drain();
    core.drain();
  }

  private FakeChannels.Agent agent() {
    FakeChannels.Agent a = new FakeChannels.Agent();
    core.agentRegister(a, "", false, AGENT, List.of());
    return a;
  }

  private FakeChannels.Framework framework(String id) {
    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, id, FW, List.of());
    settle();
    return f;
  }

  @Test
  void declineFiltersTheAgentAndReviveClearsIt() {
    agent();
    FakeChannels.Framework f = framework("");
    core.drain();
    assertEquals(1, f.offers.size());
    core.frameworkCall(f, f.id, new FrameworkCall.Decline(List.of(f.offers.get(0).id()), null));
    settle();
    assertEquals(1, f.offers.size(), "filtered for 5 s on a fixed clock");
    core.frameworkCall(f, f.id, new FrameworkCall.Revive());
    settle();
    assertEquals(2, f.offers.size());
  }

  @Test
  void killOfAnUnknownTaskAnswersLostAndKnownTasksGoToTheAgent() {
    FakeChannels.Agent a = agent();
    FakeChannels.Framework f = framework("");
    core.frameworkCall(f, f.id, new FrameworkCall.Kill("ghost", "", null));
    core.drain();
    assertEquals(TaskState.LOST, f.updates.get(0).state());
    assertEquals(Reason.TASK_UNKNOWN, f.updates.get(0).reason());

    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(f.offers.get(0).id()), true,
        List.of(new TaskSpec("t1", "t", "", Resources.parse("cpus:1"), null, new byte[0])), null));
    core.frameworkCall(f, f.id, new FrameworkCall.Kill("t1", a.id, null));
    core.drain();
    assertEquals(List.of("REGISTERED " + a.id, "RUN t1", "KILL t1"), a.log);
  }

  @Test
  void reregisteredAgentBringsTasksOfAFrameworkThisMasterNeverSaw() {
    FakeChannels.Agent a = new FakeChannels.Agent();
    TaskStatus running = new TaskStatus("t1", "fw-old", "a-old", TaskState.RUNNING, Reason.STARTED, "",
        TaskStatus.Source.AGENT, null, new byte[] {1}, 0, null, "");
    core.agentRegister(a, "a-old", true, AGENT, List.of(new ReportedTask(
        new TaskSpec("t1", "t", "a-old", Resources.parse("cpus:1;mem:100"), null, new byte[0]), running)));
    FakeChannels.Framework f = framework("fw-old");
    assertEquals("a-old", a.id);
    assertEquals("fw-old", f.id);
    assertEquals(Resources.parse("cpus:1;mem:924"), f.offers.get(0).resources(), "the adopted task's resources");
    core.frameworkCall(f, f.id, new FrameworkCall.Reconcile(List.of()));
    settle();
    assertEquals(TaskState.RUNNING, f.updates.get(0).state());
    assertEquals(Reason.RECONCILIATION, f.updates.get(0).reason());
    assertEquals(1, core.snapshot().tasks().size());
  }

  @Test
  void aNewStreamReplacesTheOldOneAndAWrongFrameworkIdIsAnError() {
    FakeChannels.Framework first = framework("");
    FakeChannels.Framework second = framework(first.id);
    assertTrue(first.log.get(1).startsWith("ERROR"), first.log.toString());
    core.frameworkCall(second, "someone-else", new FrameworkCall.Revive());
    core.drain();
    assertTrue(second.log.get(1).startsWith("ERROR"), second.log.toString());
  }

  @Test
  void teardownShutsTheFrameworkDownOnItsAgents() {
    FakeChannels.Agent a = agent();
    FakeChannels.Framework f = framework("");
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(f.offers.get(0).id()), true,
        List.of(new TaskSpec("t1", "t", "", Resources.parse("cpus:1"), null, new byte[0])), null));
    core.frameworkCall(f, f.id, new FrameworkCall.Teardown());
    core.drain();
    assertEquals("SHUTDOWN " + f.id, a.log.get(a.log.size() - 1));
    assertTrue(core.snapshot().frameworks().isEmpty());
    assertTrue(core.snapshot().tasks().isEmpty());
  }

  @Test
  void losingLeadershipFailsEveryStreamWithTheHint() {
    FakeChannels.Agent a = agent();
    FakeChannels.Framework f = framework("");
    core.deposed("test");
    core.drain();
    assertEquals("FAIL not the leader; leader=other:5051", a.log.get(a.log.size() - 1));
    assertEquals("FAIL not the leader; leader=other:5051", f.log.get(f.log.size() - 1));
    FakeChannels.Agent late = agent();
    core.drain();
    assertEquals(List.of("FAIL not the leader; leader=other:5051"), late.log);
  }
}
