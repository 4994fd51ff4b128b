package dev.drover.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.registry.InMemoryRegistryStore;
import dev.drover.master.registry.Registry;
import dev.drover.master.state.AgentState;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registry, failover and framework failover timeouts on the serial loop with fake streams, a shared in-memory
 * registry (two cores play the old and the new leader) and a manual clock.
 */
class FailoverTest {
  private static final Duration NEVER = Duration.ofHours(1);
  static final AgentDescriptor AGENT = new AgentDescriptor("h1", 5052, Resources.parse("cpus:2;mem:1024"),
      List.of(), "", "", "test");
  static final FrameworkDescriptor FW = framework(false, 60);
  static final FrameworkDescriptor AWARE = framework(true, 60);

  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryRegistryStore store = new InMemoryRegistryStore();
  private final List<MasterCore> cores = new ArrayList<>();

  static FrameworkDescriptor framework(boolean partitionAware, double failoverTimeoutSeconds) {
    return new FrameworkDescriptor("fw", "nobody", List.of(), failoverTimeoutSeconds, false,
        partitionAware ? List.of(FrameworkDescriptor.PARTITION_AWARE) : List.of(), "", "", "");
  }

  MasterCore leader(Duration reregisterTimeout, int maxMissedPings, Duration pingInterval) {
    MasterCore core = new MasterCore(new MasterSettings("m" + (cores.size() + 1), NEVER, NEVER, pingInterval,
        Duration.ofSeconds(5)), new FailoverSettings(reregisterTimeout, maxMissedPings, NEVER), store, clock,
        () -> "not the leader; leader=other:5051");
    cores.add(core);
    core.elected(() -> true);
    settle(core);
    return core;
  }

  @AfterEach
  void stop() {
    cores.forEach(MasterCore::close);
  }

  /** Runs what is queued, the registry writes it started and what they enqueued, and any allocation cycle. */
  static void settle(MasterCore core) {
    for (int i = 0; i < 4; i++) {
      core.drain();
    }
  }

  static TaskStatus status(String task, String fw, String agent, TaskState state, int uuid) {
    return new TaskStatus(task, fw, agent, state, Reason.UNSPECIFIED, "", TaskStatus.Source.AGENT, null,
        new byte[] {(byte) uuid}, 0, null, "");
  }

  static ReportedTask reported(String task, String fw, String agent, TaskState state) {
    return new ReportedTask(new TaskSpec(task, task, agent, Resources.parse("cpus:0.5;mem:64"), null, new byte[0]),
        status(task, fw, agent, state, 9));
  }

  /** An agent, a framework and one RUNNING task t1, on the given core. */
  record Setup(FakeChannels.Agent agent, FakeChannels.Framework framework) {}

  Setup runningTask(MasterCore core, FrameworkDescriptor info) {
    FakeChannels.Agent a = new FakeChannels.Agent();
    core.agentRegister(a, "", false, AGENT, List.of());
    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, "", info, List.of());
    settle(core);
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(f.offers.get(0).id()), true,
        List.of(new TaskSpec("t1", "t", "", Resources.parse("cpus:1"), null, new byte[0])), null));
    core.agentStatusUpdate(a, f.id, status("t1", f.id, a.id, TaskState.RUNNING, 1));
    settle(core);
    return new Setup(a, f);
  }

  @Test
  void everyAcceptedStatusIsInTheTaskHistoryWithoutAnyUiRequest() {
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(core, FW);
    assertEquals(List.of("TASK_STAGING", "TASK_RUNNING"), core.taskHistory().of(s.framework().id, "t1").stream()
        .map(dev.drover.master.task.TaskHistory.Entry::state).toList());
    assertEquals(s.agent().id, core.taskHistory().of(s.framework().id, "t1").get(1).agentId());
  }

  @Test
  void agentsAndFrameworksArePersistedBeforeTheyAreAnswered() {
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(core, FW);
    Registry r = store.load();
    assertEquals(List.of(s.agent().id), r.agents().stream().map(a -> a.id()).toList());
    assertEquals("h1", r.agents().get(0).info().hostname());
    assertEquals(List.of(s.framework().id), r.frameworks().stream().map(f -> f.id()).toList());
    assertEquals(60, r.frameworks().get(0).info().failoverTimeoutSeconds());

    store.failWrites("zk down");
    FakeChannels.Agent refused = new FakeChannels.Agent();
    core.agentRegister(refused, "", false, AGENT.withResources(Resources.parse("cpus:1")), List.of());
    settle(core);
    assertEquals(1, refused.log.size(), refused.log.toString());
    assertTrue(refused.log.get(0).startsWith("FAIL the master could not persist"), refused.log.toString());
    assertEquals(1, core.snapshot().agents().size(), "the refused agent was not admitted");
  }

  @Test
  void roleWeightsAndQuotasArePersistedAndReachTheNextLeader() throws Exception {
    MasterCore old = leader(Duration.ofSeconds(10), 5, NEVER);
    var weight = old.updateWeights(java.util.Map.of("heavy", 3.0));
    var quota = old.updateQuota("heavy", Resources.parse("cpus:4;mem:512"));
    settle(old);
    weight.get();
    quota.get();
    assertEquals(List.of(new dev.drover.master.registry.RoleRecord("heavy", 3.0, Resources.parse("cpus:4;mem:512"))),
        store.load().roles());
    old.close();
    MasterCore next = leader(Duration.ofSeconds(10), 5, NEVER);
    var role = next.roles().roles().get("heavy");
    assertEquals(3.0, role.weight());
    assertEquals(Resources.parse("cpus:4;mem:512"), role.quota());

    var back = next.updateWeights(java.util.Map.of("heavy", 1.0));
    var noQuota = next.updateQuota("heavy", Resources.EMPTY);
    settle(next);
    back.get();
    noQuota.get();
    assertEquals(List.of(), store.load().roles(), "a role back at the defaults has no record");

    store.failWrites("zk down");
    var refused = next.updateWeights(java.util.Map.of("heavy", 5.0));
    settle(next);
    assertTrue(refused.isCompletedExceptionally(), "a weight that could not be persisted is refused");
    assertEquals(1.0, next.roles().roles().getOrDefault("heavy",
        new dev.drover.master.allocator.RolesView.Role("heavy", 1.0, Resources.EMPTY, Resources.EMPTY, List.of(),
            0)).weight(), "and not applied");
  }

  @Test
  void failoverKeepsEveryTaskWhenAgentsAndFrameworksComeBack() {
    MasterCore old = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(old, FW);
    old.deposed("test");
    settle(old);

    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    assertEquals(1, core.snapshot().agents().size(), "the agent is known from the registry");
    assertFalse(core.snapshot().agents().get(0).active());
    assertEquals(AgentState.RECOVERING, core.snapshot().agents().get(0).state());
    assertEquals(1, core.snapshot().frameworks().size(), "the framework is known from the registry");

    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, s.framework().id, FW, List.of());
    settle(core);
    assertEquals(List.of("SUBSCRIBED " + s.framework().id), f.log);
    core.frameworkCall(f, f.id, new FrameworkCall.Reconcile(List.of("t1"), List.of(s.agent().id)));
    settle(core);
    assertTrue(f.updates.isEmpty(), "not answered while the agent may still re-register: " + f.updates);

    FakeChannels.Agent a = new FakeChannels.Agent();
    core.agentRegister(a, s.agent().id, true, AGENT, List.of(reported("t1", f.id, s.agent().id, TaskState.RUNNING)));
    settle(core);
    assertEquals(List.of("REGISTERED " + s.agent().id), a.log);
    assertEquals(TaskState.RUNNING, f.updates.get(0).state());
    assertEquals(Reason.RECONCILIATION, f.updates.get(0).reason());

    clock.advance(Duration.ofSeconds(11));
    core.tick();
    settle(core);
    assertEquals(1, f.updates.size(), "nothing was reported lost: " + f.updates);
    assertEquals(TaskState.RUNNING, core.snapshot().tasks().get(0).state());
    assertTrue(core.snapshot().agents().get(0).active());
  }

  @Test
  void tasksOnAgentsThatDoNotComeBackAreUnreachableOrLostAfterTheTimeout() {
    MasterCore old = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup plain = runningTask(old, FW);
    old.deposed("test");
    settle(old);

    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, plain.framework().id, FW, List.of());
    FakeChannels.Framework aware = new FakeChannels.Framework();
    core.frameworkSubscribe(aware, "", AWARE, List.of());
    settle(core);
    core.frameworkCall(f, f.id, new FrameworkCall.Reconcile(List.of("t1"), List.of(plain.agent().id)));
    core.frameworkCall(aware, aware.id, new FrameworkCall.Reconcile(List.of("x"), List.of(plain.agent().id)));
    core.frameworkCall(aware, aware.id, new FrameworkCall.Reconcile(List.of("y"), List.of("never-seen")));
    settle(core);
    assertEquals(List.of(TaskState.UNKNOWN), aware.updates.stream().map(TaskStatus::state).toList(),
        "a task on an agent nobody knows is UNKNOWN at once");
    assertTrue(f.updates.isEmpty());

    clock.advance(Duration.ofSeconds(9));
    core.tick();
    settle(core);
    assertTrue(f.updates.isEmpty(), "still inside the window");

    clock.advance(Duration.ofSeconds(2));
    core.tick();
    settle(core);
    assertEquals(TaskState.LOST, f.updates.get(0).state());
    assertEquals(Reason.AGENT_REMOVED, f.updates.get(0).reason());
    assertEquals(TaskState.UNREACHABLE, aware.updates.get(1).state());
    assertEquals(Reason.AGENT_UNREACHABLE, aware.updates.get(1).reason());
    assertTrue(f.log.contains("FAILURE " + plain.agent().id), f.log.toString());
    assertEquals(AgentState.UNREACHABLE, core.snapshot().agents().get(0).state());
  }

  @Test
  void aFrameworkAwayPastItsFailoverTimeoutIsTornDownAndItsTasksKilled() {
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(core, FW);
    core.frameworkDisconnected(s.framework());
    settle(core);
    clock.advance(Duration.ofSeconds(59));
    core.tick();
    settle(core);
    assertEquals(1, core.snapshot().frameworks().size(), "kept during its failover timeout");

    clock.advance(Duration.ofSeconds(2));
    core.tick();
    settle(core);
    assertEquals("SHUTDOWN " + s.framework().id, s.agent().log.get(s.agent().log.size() - 1));
    assertTrue(core.snapshot().frameworks().isEmpty());
    assertTrue(core.snapshot().tasks().isEmpty());
    settle(core);
    assertTrue(store.load().frameworks().isEmpty(), "removed from the registry");
  }

  @Test
  void aFrameworkThatNeverComesBackAfterFailoverIsTornDown() {
    MasterCore old = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(old, FW);
    old.deposed("test");
    settle(old);
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    FakeChannels.Agent a = new FakeChannels.Agent();
    core.agentRegister(a, s.agent().id, true, AGENT, List.of(reported("t1", s.framework().id, s.agent().id,
        TaskState.RUNNING)));
    settle(core);
    clock.advance(Duration.ofSeconds(61));
    core.tick();
    settle(core);
    assertEquals("SHUTDOWN " + s.framework().id, a.log.get(a.log.size() - 1));
    assertTrue(core.snapshot().frameworks().isEmpty());
  }

  @Test
  void reconciliationAfterFailoverAnswersTheLatestStateAndLostForUnknownTasks() {
    MasterCore old = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(old, FW);
    old.deposed("test");
    settle(old);
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    FakeChannels.Framework f = new FakeChannels.Framework();
    core.frameworkSubscribe(f, s.framework().id, FW, List.of());
    settle(core);
    FakeChannels.Agent a = new FakeChannels.Agent();
    core.agentRegister(a, s.agent().id, true, AGENT, List.of(
        reported("t1", f.id, s.agent().id, TaskState.RUNNING),
        reported("done", f.id, s.agent().id, TaskState.FINISHED)));
    settle(core);

    core.frameworkCall(f, f.id, new FrameworkCall.Reconcile(List.of()));
    settle(core);
    assertEquals(List.of("t1 RUNNING", "done FINISHED"), f.updates.stream()
        .map(u -> u.taskId() + " " + u.state()).toList(), "implicit: every task the master knows, latest state");
    assertTrue(f.updates.stream().allMatch(u -> u.reason() == Reason.RECONCILIATION && !u.hasUuid()));

    f.updates.clear();
    core.frameworkCall(f, f.id, new FrameworkCall.Reconcile(List.of("t1", "ghost"), List.of(s.agent().id, "")));
    settle(core);
    assertEquals(List.of("t1 RUNNING", "ghost LOST"), f.updates.stream()
        .map(u -> u.taskId() + " " + u.state()).toList());

    FakeChannels.Framework aware = new FakeChannels.Framework();
    core.frameworkSubscribe(aware, "", AWARE, List.of());
    settle(core);
    core.frameworkCall(aware, aware.id, new FrameworkCall.Reconcile(List.of("ghost")));
    settle(core);
    assertEquals(TaskState.UNKNOWN, aware.updates.get(0).state());
  }

  @Test
  void updateFrameworkIsPersistedBeforeItApplies() {
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(core, FW);
    core.frameworkCall(s.framework(), s.framework().id, new FrameworkCall.UpdateFramework(framework(true, 120)));
    settle(core);
    assertEquals(120, store.load().frameworks().get(0).info().failoverTimeoutSeconds());
    assertTrue(store.load().frameworks().get(0).info().partitionAware());
  }

  @Test
  void aTornDownFrameworkCannotResubscribeWithItsId() {
    MasterCore core = leader(Duration.ofSeconds(10), 5, NEVER);
    Setup s = runningTask(core, FW);
    core.frameworkCall(s.framework(), s.framework().id, new FrameworkCall.Teardown());
    settle(core);
    FakeChannels.Framework again = new FakeChannels.Framework();
    core.frameworkSubscribe(again, s.framework().id, FW, List.of());
    settle(core);
    assertTrue(again.log.get(0).startsWith("ERROR"), again.log.toString());
  }
}
