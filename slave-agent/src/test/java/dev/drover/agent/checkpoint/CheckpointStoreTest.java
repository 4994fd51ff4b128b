package dev.drover.agent.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  private static final ProtoCheckpointCodec CODEC = new ProtoCheckpointCodec();

  @TempDir
  Path work;

  @Test
  void tasksRuntimesUpdatesAndAcknowledgementsSurviveAReopen() throws Exception {
    TaskKey key = new TaskKey("fw-1", "web.1");
    TaskSpec spec = new TaskSpec(key, "web", Resources.parse("cpus:0.5;mem:64;ports:[31000-31001]"),
        new CommandSpec(true, "httpd -f", List.of(), Map.of("A", "b"), "nobody"), Optional.of(Duration.ofSeconds(7)),
        Optional.of(new DockerSpec("local/busybox:latest", DockerSpec.Network.BRIDGE,
            List.of(new DockerSpec.PortMapping(0, 80, "tcp")), false, true, List.of())),
        Optional.of(new HealthCheckSpec(HealthCheckSpec.Type.HTTP, "/ping", 0, 1, "http", Optional.empty(),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(5))));
    ContainerRuntime runtime = new ContainerRuntime("process", "123", OptionalLong.of(123), OptionalLong.of(99));
    StatusUpdate starting = update(key, TaskState.STARTING);
    StatusUpdate running = update(key, TaskState.RUNNING);
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      store.saveSpec(spec);
      store.saveRuntime(key, runtime);
      store.append(starting);
      wait(store.append(running));
    }

    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      TaskCheckpoint c = store.load().get(0);
      assertEquals(key, c.key());
      assertEquals(spec, c.spec().orElseThrow());
      assertEquals(runtime, c.runtime().orElseThrow());
      assertEquals(List.of(starting, running), c.pending());
      assertEquals(running, c.latest().orElseThrow());

      store.acknowledged(key, running.uuid());  // not the oldest: ignored
      store.acknowledged(key, starting.uuid());
      wait(store.acknowledged(key, running.uuid()));
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      TaskCheckpoint c = store.load().get(0);
      assertEquals(List.of(), c.pending());
      assertEquals(running, c.latest().orElseThrow(), "latest stays when all are acknowledged");
      wait(store.remove(key));
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      assertEquals(List.of(), store.load());
    }
  }

  @Test
  void anyIdRoundTripsAndOnlyTheJournalIsWritten() throws Exception {
    TaskKey evil = new TaskKey("..", "../../etc");
    StatusUpdate u = update(evil, TaskState.ERROR);
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      wait(store.append(u));
    }
    try (Stream<Path> files = Files.walk(work)) {
      assertEquals(List.of(work, work.resolve("meta"), work.resolve("meta/checkpoints.journal")),
          files.sorted().toList());
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      assertEquals(evil, store.load().get(0).key());
    }
  }

  @Test
  void writesQueuedWhileTheWriterIsBusyShareOneSync() throws Exception {
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> busy = hold(store, release);  // everything below queues behind it
      long before = store.syncs();
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        TaskKey key = new TaskKey("fw", "t" + i);
        writes.add(store.append(update(key, TaskState.STARTING)));
        writes.add(store.append(update(key, TaskState.RUNNING)));
      }
      release.countDown();
      wait(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
      wait(busy);
      assertEquals(1, store.syncs() - before, "1,000 updates, one sync");
      assertEquals(500, store.load().size());
    }
  }

  @Test
  void aTornLastRecordIsDroppedAndWritingGoesOnAfterTheLastGoodOne() throws Exception {
    TaskKey key = new TaskKey("fw", "t");
    StatusUpdate starting = update(key, TaskState.STARTING);
    StatusUpdate running = update(key, TaskState.RUNNING);
    StatusUpdate finished = update(key, TaskState.FINISHED);
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      wait(store.append(starting));
    }
    long good = Files.size(journal());
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      wait(store.append(running));
    }
    truncate(Files.size(journal()) - 3);  // the crash tore the RUNNING record

    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      assertEquals(List.of(starting), store.load().get(0).pending());
      assertEquals(good, Files.size(journal()), "the torn bytes are cut off");
      wait(store.append(finished));
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      assertEquals(List.of(starting, finished), store.load().get(0).pending());
    }
  }

  @Test
  void aLastRecordWithABadChecksumIsDropped() throws Exception {
    TaskKey key = new TaskKey("fw", "t");
    StatusUpdate starting = update(key, TaskState.STARTING);
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      store.append(starting);
      wait(store.append(update(key, TaskState.RUNNING)));
    }
    byte[] bytes = Files.readAllBytes(journal());
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(journal(), bytes);
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      assertEquals(List.of(starting), store.load().get(0).pending());
    }
  }

  /** Cut the journal anywhere inside a batch, as a crash mid-write would: what comes back is a prefix of it. */
  @Test
  void aCrashMidBatchRecoversAPrefixOfTheBatch() throws Exception {
    TaskKey done = new TaskKey("fw", "done");
    TaskKey key = new TaskKey("fw", "busy");
    StatusUpdate first = update(key, TaskState.STARTING);
    List<StatusUpdate> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(update(key, TaskState.RUNNING));
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      store.append(update(done, TaskState.FINISHED));
      wait(store.append(first));
    }
    long before = Files.size(journal());
    try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
      CountDownLatch release = new CountDownLatch(1);
      hold(store, release);
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      batch.forEach(u -> writes.add(store.append(u)));
      writes.add(store.remove(done));
      release.countDown();
      wait(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    }
    byte[] whole = Files.readAllBytes(journal());
    int lastCount = -1;
    for (long cut = before; cut <= whole.length; cut++) {
      Files.write(journal(), java.util.Arrays.copyOf(whole, (int) cut));
      try (CheckpointStore store = CheckpointStore.open(work, CODEC)) {
        List<TaskCheckpoint> found = store.load();
        TaskCheckpoint busy = found.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
        int n = busy.pending().size() - 1;
        assertEquals(first, busy.pending().get(0));
        assertEquals(batch.subList(0, n), busy.pending().subList(1, n + 1), "a prefix of the batch, in order");
        boolean removed = found.stream().noneMatch(c -> c.key().equals(done));
        assertTrue(!removed || n == batch.size(), "the removal comes back only after every earlier record");
        assertTrue(n >= lastCount, "a longer journal never recovers less");
        lastCount = n;
      }
    }
    assertEquals(batch.size(), lastCount);
  }

  @Test
  void theJournalIsCompactedAsItGrowsAndKeepsOnlyLiveTasks() throws Exception {
    List<StatusUpdate> live = new ArrayList<>();
    try (CheckpointStore store = CheckpointStore.open(work, CODEC, 4096)) {
      for (int i = 0; i < 300; i++) {
        TaskKey key = new TaskKey("fw", "t" + i);
        StatusUpdate s = update(key, TaskState.STARTING);
        store.append(s);
        if (i % 100 == 0) {
          live.add(s);
        } else {
          store.acknowledged(key, s.uuid());
          store.remove(key);
        }
      }
      wait(store.flush());
      assertTrue(Files.size(journal()) < 3 * 4096, "compacted: " + Files.size(journal()) + " bytes");
    }
    try (CheckpointStore store = CheckpointStore.open(work, CODEC, 4096)) {
      assertEquals(live, store.load().stream().map(c -> c.pending().get(0)).toList());
    }
  }

  /** Holds the writer inside one of its turns until {@code release}. */
  private static CompletableFuture<Object> hold(CheckpointStore store, CountDownLatch release) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<Object> held = store.onWriter(s -> {
      inside.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    assertTrue(inside.await(30, TimeUnit.SECONDS), "the writer took the hold");
    return held;
  }

  private Path journal() {
    return work.resolve("meta/checkpoints.journal");
  }

  private void truncate(long size) throws IOException {
    try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void wait(CompletableFuture<?> f) throws Exception {
    f.get(30, TimeUnit.SECONDS);
  }

  private static StatusUpdate update(TaskKey key, TaskState state) {
    StatusUpdate u = StatusUpdate.create(Clock.systemUTC(), "agent-1", key, state, TaskReason.STARTED, "m",
        OptionalInt.empty(), "123");
    // Timestamps are checkpointed to the millisecond.
    return new StatusUpdate(u.uuid(), u.key(), u.state(), u.reason(), u.message(), u.exitCode(), u.containerId(),
        u.agentId(), java.time.Instant.ofEpochMilli(u.timestamp().toEpochMilli()), Optional.of(true));
  }
}
