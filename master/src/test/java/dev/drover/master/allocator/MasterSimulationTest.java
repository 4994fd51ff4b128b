package dev.drover.master.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.core.MasterCore;
import dev.drover.master.core.MasterSettings;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.TaskState;
import dev.drover.model.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process master (its serial loop, no network, no ZooKeeper) with fake agents and frameworks and a manual
 * clock; every step is a command followed by {@link MasterCore#drain}, and cycles run by {@link
 * MasterCore#allocateNow}. The timers are an hour apart, so they never fire during a test.
 */
class MasterSimulationTest {
  private static final Duration NEVER = Duration.ofHours(1);

  private final ManualClock clock = new ManualClock();
  private MasterCore core;

  private void start(AllocatorConfig config) {
    core = new MasterCore(new MasterSettings("m1", NEVER, NEVER, NEVER, Duration.ofSeconds(5)), clock,
        () -> "not the leader").allocatorConfig(config);
    core.elected(() -> true);
    settle();
  }

  @AfterEach
  void stop() {
    core.close();
  }

  private void settle() {
    core.drain();
    core.drain();
    core.drain();
  }

  private SimChannels.Agent agent(String host, String resources) {
    SimChannels.Agent a = new SimChannels.Agent();
    core.agentRegister(a, "", false, new AgentDescriptor(host, 5052, Resources.parse(resources), List.of(), "", "",
        "test"), List.of());
    settle();
    return a;
  }

  private SimChannels.Framework framework(String name, String... roles) {
    return framework(name, List.of(), roles);
  }

  private SimChannels.Framework framework(String name, List<String> suppressedRoles, String... roles) {
    SimChannels.Framework f = new SimChannels.Framework();
    core.frameworkSubscribe(f, "", new FrameworkDescriptor(name, "nobody", List.of(roles), 0, false, List.of(), "",
        "", ""), suppressedRoles);
    settle();
    return f;
  }

  private SimChannels.Agent a2;

  private boolean agentRan() {
    return a2 != null && a2.log.contains("RUN t1");
  }

  private void allocate() {
    core.allocateNow();
    settle();
  }

  @Test
  void offersOutstandingPastTheTimeoutAreRescindedAndOfferedAgain() {
    start(AllocatorConfig.DEFAULTS.withOfferTimeout(Duration.ofSeconds(30)));
    agent("h1", "cpus:4;mem:1024");
    SimChannels.Framework f = framework("f", "r");
    assertEquals(1, f.offers.size());
    String first = f.offers.get(0).id();
    clock.advance(Duration.ofSeconds(29));
    allocate();
    assertEquals(List.of(), f.rescinded);
    clock.advance(Duration.ofSeconds(1));
    allocate();
    assertEquals(List.of(first), f.rescinded);
    assertEquals(2, f.offers.size(), "the rescinded resources come back in the same cycle");
    assertEquals(Resources.parse("cpus:4;mem:1024"), f.offers.get(1).resources());
  }

  @Test
  void withoutAnOfferTimeoutOffersStay() {
    start(AllocatorConfig.DEFAULTS);
    agent("h1", "cpus:4;mem:1024");
    SimChannels.Framework f = framework("f", "r");
    clock.advance(Duration.ofDays(1));
    allocate();
    assertEquals(List.of(), f.rescinded);
    assertEquals(1, f.offers.size());
  }

  @Test
  void aDeclinedAgentIsFilteredUntilTheRefusalEnds() {
    start(AllocatorConfig.DEFAULTS);
    agent("h1", "cpus:4;mem:1024");
    SimChannels.Framework f = framework("f", "r");
    core.frameworkCall(f, f.id, new FrameworkCall.Decline(List.of(f.offers.get(0).id()), 10.0));
    settle();
    clock.advance(Duration.ofSeconds(9));
    allocate();
    assertEquals(1, f.offers.size());
    clock.advance(Duration.ofSeconds(1));
    allocate();
    assertEquals(2, f.offers.size());
  }

  @Test
  void weightsSetThroughTheCoreSplitTheClusterAndShowInTheRolesView() throws Exception {
    start(AllocatorConfig.DEFAULTS);
    core.updateWeights(Map.of("heavy", 3.0)).get();
    SimChannels.Framework light = framework("light", "light");
    SimChannels.Framework heavy = framework("heavy", "heavy");
    for (int i = 0; i < 40; i++) {
      agent("h" + i, "cpus:8;mem:4096");
    }
    allocate();
    assertEquals(10, light.offers.size());
    assertEquals(30, heavy.offers.size());
    RolesView view = core.roles();
    assertEquals(3.0, view.roles().get("heavy").weight());
    assertEquals(List.of(heavy.id), view.roles().get("heavy").frameworks());
    assertEquals(240, view.roles().get("heavy").allocated().cpus(), 1e-9);
    ExecutionException bad = assertThrows(ExecutionException.class,
        () -> core.updateWeights(Map.of("x", -1.0)).get());
    assertTrue(bad.getCause() instanceof IllegalArgumentException);
  }

  @Test
  void quotaSetThroughTheCoreCapsWhatTheRoleIsOfferedEvenAfterTasksLaunch() throws Exception {
    start(AllocatorConfig.DEFAULTS);
    core.updateQuota("q", Resources.parse("cpus:5")).get();
    SimChannels.Agent a1 = agent("h1", "cpus:4;mem:1024");
    a2 = agent("h2", "cpus:4;mem:1024");
    SimChannels.Framework f = framework("f", "q");
    double offered = f.offers.stream().mapToDouble(o -> o.resources().cpus()).sum();
    assertEquals(5, offered, 1e-9);
    Offer full = f.offers.stream().filter(o -> o.resources().cpus() == 4).findFirst().orElseThrow();
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(full.id()), true,
        List.of(new TaskSpec("t1", "t", full.agentId(), Resources.parse("cpus:3;mem:100"), null, new byte[0])),
        null));
    settle();
    clock.advance(Duration.ofSeconds(5));  // the accept's default refusal of what was left on the agent
    allocate();
    List<Offer> after = new ArrayList<>(f.offers.subList(2, f.offers.size()));
    double live = 3 + 1 + after.stream().mapToDouble(o -> o.resources().cpus()).sum();
    assertEquals(5, live, 1e-9, "the task's 3 cpus, the other offer's 1 and the headroom left");
    assertTrue(a1.log.contains("RUN t1") || agentRan(), "the task was launched");
    assertEquals(Resources.parse("cpus:5"), core.roles().roles().get("q").quota());
  }

  @Test
  void resourcesOfAnEndedTaskAndOfTheUnusedPartComeBack() {
    start(AllocatorConfig.DEFAULTS);
    SimChannels.Agent a = agent("h1", "cpus:4;mem:1024");
    SimChannels.Framework f = framework("f", "r");
    Offer offer = f.offers.get(0);
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(offer.id()), true,
        List.of(new TaskSpec("t1", "t", offer.agentId(), Resources.parse("cpus:1;mem:100"), null, new byte[0])),
        1.0));
    settle();
    clock.advance(Duration.ofSeconds(1));
    allocate();
    assertEquals(Resources.parse("cpus:3;mem:924"), f.offers.get(1).resources());
    core.agentStatusUpdate(a, f.id, new TaskStatus("t1", f.id, a.id, TaskState.FINISHED, Reason.EXITED, "",
        TaskStatus.Source.AGENT, null, new byte[] {1}, 0, 0, ""));
    settle();
    allocate();
    assertEquals(Resources.parse("cpus:1;mem:100"), f.offers.get(2).resources(), "the ended task's share");
    assertEquals(4, core.roles().roles().get("r").allocated().cpus(), 1e-9);
  }

  @Test
  void aFrameworkSubscribedInTwoRolesIsOfferedForBoth() {
    start(AllocatorConfig.DEFAULTS);
    for (int i = 0; i < 4; i++) {
      agent("h" + i, "cpus:2;mem:512");
    }
    SimChannels.Framework f = framework("f", "web", "batch");
    assertEquals(4, f.offers.size());
    assertEquals(2, core.roles().roles().get("web").allocated().cpus() / 2, 1e-9);
    assertEquals(List.of(f.id), core.roles().roles().get("batch").frameworks());
    assertEquals(4, core.roles().roles().get("batch").allocated().cpus(), 1e-9);
  }

  private double offeredCpus(String role) {
    return core.roles().roles().get(role).allocated().cpus();
  }

  /** Declines every offer the framework holds, refusing them for 1 ms, and runs a cycle. */
  private void declineAllAndAllocate(SimChannels.Framework f) {
    core.frameworkCall(f, f.id, new FrameworkCall.Decline(f.offers.stream().map(Offer::id).toList(), 0.001));
    f.offers.clear();
    settle();
    clock.advance(Duration.ofSeconds(1));
    allocate();
  }

  @Test
  void suppressingOneRoleLeavesOffersForTheOtherUntilItIsRevived() {
    start(AllocatorConfig.DEFAULTS);
    for (int i = 0; i < 4; i++) {
      agent("h" + i, "cpus:2;mem:512");
    }
    SimChannels.Framework f = framework("f", "a", "b");
    assertEquals(4, offeredCpus("a"), 1e-9);
    assertEquals(4, offeredCpus("b"), 1e-9);

    core.frameworkCall(f, f.id, new FrameworkCall.Suppress(List.of("a")));
    settle();
    declineAllAndAllocate(f);
    assertEquals(4, f.offers.size());
    assertEquals(0, offeredCpus("a"), 1e-9, "no offers for the suppressed role");
    assertEquals(8, offeredCpus("b"), 1e-9);

    core.frameworkCall(f, f.id, new FrameworkCall.Revive(List.of("a")));
    settle();
    declineAllAndAllocate(f);
    assertEquals(4, f.offers.size());
    assertEquals(4, offeredCpus("a"), 1e-9, "the revived role is offered again");
    assertEquals(4, offeredCpus("b"), 1e-9);
  }

  @Test
  void suppressingWithNoRolesSuppressesAllAndRevivingWithNoRolesRevivesAll() {
    start(AllocatorConfig.DEFAULTS);
    agent("h1", "cpus:2;mem:512");
    SimChannels.Framework f = framework("f", "a", "b");
    core.frameworkCall(f, f.id, new FrameworkCall.Suppress(List.of()));
    settle();
    declineAllAndAllocate(f);
    assertEquals(List.of(), f.offers);
    core.frameworkCall(f, f.id, new FrameworkCall.Revive(List.of("b")));
    settle();
    allocate();
    assertEquals(1, f.offers.size());
    assertEquals(2, offeredCpus("b"), 1e-9);
    core.frameworkCall(f, f.id, new FrameworkCall.Suppress(List.of()));
    settle();
    declineAllAndAllocate(f);
    assertEquals(List.of(), f.offers);
    core.frameworkCall(f, f.id, new FrameworkCall.Revive(List.of()));
    settle();
    allocate();
    assertEquals(1, f.offers.size());
  }

  @Test
  void aFrameworkSubscribingWithSuppressedRolesStartsSuppressedInThem() {
    start(AllocatorConfig.DEFAULTS);
    for (int i = 0; i < 4; i++) {
      agent("h" + i, "cpus:2;mem:512");
    }
    SimChannels.Framework f = framework("f", List.of("a"), "a", "b");
    assertEquals(4, f.offers.size());
    assertEquals(0, offeredCpus("a"), 1e-9);
    assertEquals(8, offeredCpus("b"), 1e-9);
    core.frameworkCall(f, f.id, new FrameworkCall.Revive(List.of("a")));
    settle();
    declineAllAndAllocate(f);
    assertEquals(4, offeredCpus("a"), 1e-9);
  }
}
