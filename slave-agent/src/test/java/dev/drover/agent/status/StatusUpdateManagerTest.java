package dev.drover.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.ManualScheduler;
import dev.drover.agent.task.TaskKey;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusUpdateManagerTest {
  private static final TaskKey A = new TaskKey("fw", "a");
  private static final TaskKey B = new TaskKey("fw", "b");

  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<StatusUpdate> sent = new ArrayList<>();
  private StatusUpdateManager manager;

  @BeforeEach
  void setUp() {
    manager = new StatusUpdateManager(scheduler, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  private StatusUpdate update(TaskKey key, TaskState state) {
    return StatusUpdate.create(scheduler.clock(), "agent-1", key, state, TaskReason.STARTED, "", OptionalInt.empty(),
        "");
  }

  @Test
  void onlyTheOldestUnackedUpdateOfATaskIsInFlight() {
    manager.connected(sent::add);
    StatusUpdate starting = update(A, TaskState.STARTING);
    StatusUpdate running = update(A, TaskState.RUNNING);
    StatusUpdate finished = update(A, TaskState.FINISHED);
    manager.update(starting);
    manager.update(running);
    manager.update(finished);
    assertEquals(List.of(starting), sent);

    assertTrue(manager.acknowledge(A, starting.uuid()));
    assertEquals(List.of(starting, running), sent);
    assertFalse(manager.acknowledge(A, finished.uuid()), "only the update in flight can be acknowledged");
    assertTrue(manager.acknowledge(A, running.uuid()));
    assertTrue(manager.acknowledge(A, finished.uuid()));
    assertEquals(List.of(starting, running, finished), sent);
    assertFalse(manager.hasPending(A));
    assertEquals(finished, manager.latest(A).orElseThrow());
  }

  @Test
  void tasksAreIndependentStreams() {
    manager.connected(sent::add);
    StatusUpdate a = update(A, TaskState.STARTING);
    StatusUpdate b = update(B, TaskState.STARTING);
    manager.update(a);
    manager.update(b);
    assertEquals(List.of(a, b), sent);
  }

  @Test
  void unackedUpdateIsResentWithDoublingBackoffUpToTheMaximum() {
    manager.connected(sent::add);
    StatusUpdate u = update(A, TaskState.RUNNING);
    manager.update(u);
    assertEquals(1, sent.size());
    scheduler.advance(Duration.ofMillis(999));
    assertEquals(1, sent.size());
    scheduler.advance(Duration.ofMillis(1));  // t=1s
    assertEquals(2, sent.size());
    scheduler.advance(Duration.ofSeconds(2)); // t=3s
    assertEquals(3, sent.size());
    scheduler.advance(Duration.ofSeconds(4)); // t=7s
    assertEquals(4, sent.size());
    scheduler.advance(Duration.ofSeconds(8)); // t=15s
    assertEquals(5, sent.size());
    scheduler.advance(Duration.ofSeconds(10)); // capped at 10s: t=25s
    assertEquals(6, sent.size());
    assertTrue(sent.stream().allMatch(s -> s.equals(u)));

    manager.acknowledge(A, u.uuid());
    scheduler.advance(Duration.ofMinutes(5));
    assertEquals(6, sent.size());
  }

  @Test
  void updatesWhileDisconnectedAreQueuedAndSentOnConnect() {
    StatusUpdate starting = update(A, TaskState.STARTING);
    StatusUpdate running = update(A, TaskState.RUNNING);
    manager.update(starting);
    manager.update(running);
    scheduler.advance(Duration.ofSeconds(30));
    assertTrue(sent.isEmpty());
    assertEquals(List.of(starting, running), manager.pending(A));

    manager.connected(sent::add);
    assertEquals(List.of(starting), sent);
    manager.acknowledge(A, starting.uuid());
    assertEquals(List.of(starting, running), sent);
  }

  @Test
  void inFlightUpdateIsResentOnEveryReconnectAndNotWhileDisconnected() {
    manager.connected(sent::add);
    StatusUpdate u = update(A, TaskState.RUNNING);
    manager.update(u);
    manager.disconnected();
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(1, sent.size());
    manager.connected(sent::add);
    assertEquals(2, sent.size());
    manager.disconnected();
    manager.connected(sent::add);
    assertEquals(3, sent.size());
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(4, sent.size(), "the retry timer restarts from the initial interval after a reconnect");
  }

  @Test
  void forgetKeepsTasksWithPendingUpdates() {
    StatusUpdate u = update(A, TaskState.FINISHED);
    manager.update(u);
    manager.forget(A);
    assertTrue(manager.latest(A).isPresent());
    manager.connected(sent::add);
    manager.acknowledge(A, u.uuid());
    manager.forget(A);
    assertTrue(manager.latest(A).isEmpty());
  }

  @Test
  void anUpdateIsSentOnlyOnceItsCheckpointIsDurableAndLatestIsTheNewestDurable() {
    Map<UUID, CompletableFuture<Void>> writes = new HashMap<>();
    StatusUpdateManager slow = new StatusUpdateManager(scheduler, Duration.ofSeconds(1), Duration.ofSeconds(10)) {
      @Override
      protected CompletionStage<Void> onAppended(StatusUpdate update) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        writes.put(update.uuid(), f);
        return f;
      }
    };
    slow.connected(sent::add);
    StatusUpdate starting = update(A, TaskState.STARTING);
    StatusUpdate running = update(A, TaskState.RUNNING);
    slow.update(starting);
    slow.update(running);
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(List.of(), sent, "nothing goes out before its checkpoint is on disk");
    assertTrue(slow.latest(A).isEmpty());
    assertEquals(List.of(starting, running), slow.pending(A));

    writes.get(starting.uuid()).complete(null);
    assertEquals(List.of(), sent, "the completion hops back onto the loop");
    scheduler.runDue();
    assertEquals(List.of(starting), sent);
    assertEquals(starting, slow.latest(A).orElseThrow());

    assertTrue(slow.acknowledge(A, starting.uuid()));
    assertEquals(List.of(starting), sent, "the next one is not durable yet");
    slow.disconnected();
    writes.get(running.uuid()).complete(null);
    scheduler.runDue();
    assertEquals(running, slow.latest(A).orElseThrow());
    assertEquals(List.of(starting), sent, "durable, but no master to send to");
    slow.connected(sent::add);
    assertEquals(List.of(starting, running), sent);
  }

  @Test
  void recoveredPendingUpdatesGoOutOnConnectOldestFirstWithTheirOwnUuids() {
    StatusUpdate starting = update(A, TaskState.STARTING);
    StatusUpdate running = update(A, TaskState.RUNNING);
    StatusUpdate finished = update(B, TaskState.FINISHED);
    manager.recover(A, Optional.of(running), List.of(starting, running));
    manager.recover(B, Optional.of(finished), List.of());
    assertEquals(running, manager.latest(A).orElseThrow());
    assertEquals(List.of(starting, running), manager.pending(A));
    assertEquals(finished, manager.latest(B).orElseThrow(), "an acknowledged task keeps its newest state");
    assertFalse(manager.hasPending(B));
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(List.of(), sent, "nothing goes out before a master is connected");

    manager.connected(sent::add);
    assertEquals(List.of(starting), sent);
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(List.of(starting, starting), sent, "retried like any update until acknowledged");
    assertTrue(manager.acknowledge(A, starting.uuid()));
    assertEquals(List.of(starting, starting, running), sent);
    assertTrue(manager.acknowledge(A, running.uuid()));
    assertFalse(manager.hasPending(A));
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(3, sent.size());
  }

  @Test
  void recoveredUpdatesGoBeforeNewOnesOfTheSameTask() {
    StatusUpdate running = update(A, TaskState.RUNNING);
    manager.recover(A, Optional.of(running), List.of(running));
    StatusUpdate finished = update(A, TaskState.FINISHED);
    manager.update(finished);
    assertEquals(finished, manager.latest(A).orElseThrow());
    manager.connected(sent::add);
    assertEquals(List.of(running), sent);
    manager.acknowledge(A, running.uuid());
    assertEquals(List.of(running, finished), sent);
  }
}
