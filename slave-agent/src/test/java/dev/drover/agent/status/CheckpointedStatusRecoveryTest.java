package dev.drover.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.ManualScheduler;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.checkpoint.TaskCheckpoint;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.task.TaskKey;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status stream through the real journal: what was not acknowledged when the agent stopped is, after reopening
 * the work dir, recovered and sent again with the same uuids; what was acknowledged is not.
 */
class CheckpointedStatusRecoveryTest {
  private static final TaskKey A = new TaskKey("fw", "a");

  @TempDir
  Path workDir;
  private final ManualScheduler scheduler = new ManualScheduler();

  private StatusUpdate update(TaskState state) {
    return StatusUpdate.create(scheduler.clock(), "agent-1", A, state, TaskReason.STARTED, "", OptionalInt.empty(),
        "");
  }

  @Test
  void unacknowledgedUpdatesSurviveAReopenAndGoOutAgainWithTheSameUuids() throws Exception {
    StatusUpdate starting = update(TaskState.STARTING);
    StatusUpdate running = update(TaskState.RUNNING);
    StatusUpdate finished = update(TaskState.FINISHED);
    List<StatusUpdate> sentBefore = new ArrayList<>();
    try (CheckpointStore store = CheckpointStore.open(workDir, new ProtoCheckpointCodec())) {
      StatusUpdateManager first = new CheckpointingStatusUpdateManager(scheduler, Duration.ofSeconds(1),
          Duration.ofSeconds(10), store);
      first.connected(sentBefore::add);
      first.update(starting);
      first.update(running);
      first.update(finished);
      store.flush().get(10, TimeUnit.SECONDS);
      scheduler.runDue();  // durable: STARTING goes out
      assertEquals(List.of(starting), sentBefore);
      assertTrue(first.acknowledge(A, starting.uuid()));
      assertEquals(List.of(starting, running), sentBefore);
      store.flush().get(10, TimeUnit.SECONDS);
      // the agent dies here: RUNNING is in flight, FINISHED waits behind it
    }

    try (CheckpointStore reopened = CheckpointStore.open(workDir, new ProtoCheckpointCodec())) {
      List<TaskCheckpoint> found = reopened.load();
      assertEquals(1, found.size());
      TaskCheckpoint c = found.get(0);
      assertEquals(List.of(running.uuid(), finished.uuid()), c.pending().stream().map(StatusUpdate::uuid).toList());
      StatusUpdateManager second = new CheckpointingStatusUpdateManager(scheduler, Duration.ofSeconds(1),
          Duration.ofSeconds(10), reopened);
      second.recover(c.key(), c.latest(), c.pending());
      assertEquals(TaskState.FINISHED, second.latest(A).orElseThrow().state());
      List<StatusUpdate> sentAfter = new ArrayList<>();
      second.connected(sentAfter::add);
      assertEquals(List.of(running.uuid()), sentAfter.stream().map(StatusUpdate::uuid).toList());
      assertEquals(TaskState.RUNNING, sentAfter.get(0).state());
      assertTrue(second.acknowledge(A, running.uuid()));
      assertEquals(finished.uuid(), sentAfter.get(1).uuid());
      assertTrue(second.acknowledge(A, finished.uuid()));
      reopened.flush().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(), reopened.load(), "a terminal update acknowledged: the checkpoint is gone");
    }
  }
}
