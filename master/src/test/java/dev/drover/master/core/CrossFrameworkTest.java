package dev.drover.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.task.Reason;
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

/**
 * Hardening (docs/security.md): a framework cannot kill another framework's task, accept another's offer, or act
 * under another's id.
 */
class CrossFrameworkTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private static final AgentDescriptor AGENT = new AgentDescriptor("h1", 5052,
      Resources.parse("cpus:2;mem:1024"), List.of(), "", "", "test");

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private MasterCore core;
  private FakeChannels.Agent agent;
  private FakeChannels.Framework owner;
  private FakeChannels.Framework intruder;

  @BeforeEach
  void twoFrameworksOneTask() {
    core = new MasterCore(new MasterSettings("m1", NEVER, NEVER, NEVER, Duration.ofSeconds(5)), clock,
        () -> "not the leader");
    core.elected(() -> true);
    core.drain();
    agent = new FakeChannels.Agent();
    core.agentRegister(agent, "", false, AGENT, List.of());
    owner = subscribe("owner");
    core.frameworkCall(owner, owner.id, new FrameworkCall.Accept(List.of(owner.offers.get(0).id()), true,
        List.of(new TaskSpec("t1", "t", "", Resources.parse("cpus:1"), null, new byte[0])), null));
    settle();
    intruder = subscribe("intruder");
  }

  @AfterEach
  void stop() {
    core.close();
  }

  private void settle() {
    core.drain();
    core.drain();
  }

  private FakeChannels.Framework subscribe(String name) {
    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, "", new FrameworkDescriptor(name, "nobody", List.of(), 0, false, List.of(), "", "",
        ""), List.of());
    settle();
    return f;
  }

  @Test
  void killOfAnotherFrameworksTaskIsUnknownAndNeverReachesTheAgent() {
    core.frameworkCall(intruder, intruder.id, new FrameworkCall.Kill("t1", agent.id, null));
    settle();
    assertEquals(TaskState.LOST, intruder.updates.get(0).state());
    assertEquals(Reason.TASK_UNKNOWN, intruder.updates.get(0).reason());
    assertEquals(List.of("REGISTERED " + agent.id, "RUN t1"), agent.log);
  }

  @Test
  void acceptingAnotherFrameworksOfferDropsTheTasks() {
    core.frameworkCall(owner, owner.id, new FrameworkCall.Revive());
    settle();
    String ownersOffer = owner.offers.get(owner.offers.size() - 1).id();
    core.frameworkCall(intruder, intruder.id, new FrameworkCall.Accept(List.of(ownersOffer), true,
        List.of(new TaskSpec("x1", "x", "", Resources.parse("cpus:0.5"), null, new byte[0])), null));
    settle();
    assertEquals(TaskState.DROPPED, intruder.updates.get(0).state());
    assertEquals(Reason.INVALID_OFFERS, intruder.updates.get(0).reason());
    assertTrue(agent.log.stream().noneMatch(l -> l.contains("x1")), agent.log.toString());
  }

  @Test
  void aCallUnderAnotherFrameworksIdEndsTheStream() {
    core.frameworkCall(intruder, owner.id, new FrameworkCall.Kill("t1", agent.id, null));
    settle();
    assertTrue(intruder.log.stream().anyMatch(l -> l.contains("carries framework id")), intruder.log.toString());
    assertEquals(List.of("REGISTERED " + agent.id, "RUN t1"), agent.log);
  }
}
