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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir
  Path work;

  @Test
  void tasksRuntimesAndUpdatesRoundTrip() {
    CheckpointStore store = new CheckpointStore(work, new ProtoCheckpointCodec());
    TaskKey key = new TaskKey("fw-1", "web.1");
    TaskSpec spec = new TaskSpec(key, "web", Resources.parse("cpus:0.5;mem:64;ports:[31000-31001]"),
        new CommandSpec(true, "httpd -f", List.of(), Map.of("A", "b"), "nobody"), Optional.of(Duration.ofSeconds(7)),
        Optional.of(new DockerSpec("local/busybox:latest", DockerSpec.Network.BRIDGE,
            List.of(new DockerSpec.PortMapping(0, 80, "tcp")), false, true, List.of())),
        Optional.of(new HealthCheckSpec(HealthCheckSpec.Type.HTTP, "/ping", 0, 1, "http", Optional.empty(),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(5))));
    store.saveSpec(spec);
    ContainerRuntime runtime = new ContainerRuntime("process", "123", OptionalLong.of(123), OptionalLong.of(99));
    store.saveRuntime(key, runtime);
    StatusUpdate starting = update(key, TaskState.STARTING, OptionalInt.empty());
    StatusUpdate running = update(key, TaskState.RUNNING, OptionalInt.empty());
    store.saveUpdates(key, List.of(starting, running), Optional.of(running));

    TaskCheckpoint c = new CheckpointStore(work, new ProtoCheckpointCodec()).load().get(0);
    assertEquals(key, c.key());
    assertEquals(spec, c.spec().orElseThrow());
    assertEquals(runtime, c.runtime().orElseThrow());
    assertEquals(List.of(starting, running), c.pending());
    assertEquals(running, c.latest().orElseThrow());

    store.saveUpdates(key, List.of(), Optional.empty());
    assertEquals(running, store.load().get(0).latest().orElseThrow(), "latest stays when all are acknowledged");
    store.remove(key);
    assertEquals(List.of(), store.load());
  }

  @Test
  void idsCannotEscapeTheCheckpointDirectory() throws Exception {
    CheckpointStore store = new CheckpointStore(work, new ProtoCheckpointCodec());
    TaskKey evil = new TaskKey("..", "../../etc");
    StatusUpdate u = update(evil, TaskState.ERROR, OptionalInt.empty());
    store.saveUpdates(evil, List.of(u), Optional.of(u));
    try (Stream<Path> files = Files.walk(work)) {
      assertTrue(files.allMatch(p -> p.normalize().startsWith(work.resolve("meta/tasks")) || p.equals(work)
          || p.equals(work.resolve("meta"))));
    }
    assertEquals(evil, store.load().get(0).key());
  }

  private static StatusUpdate update(TaskKey key, TaskState state, OptionalInt code) {
    StatusUpdate u = StatusUpdate.create(Clock.systemUTC(), "agent-1", key, state, TaskReason.STARTED, "m", code,
        "123");
    // Timestamps are checkpointed to the millisecond.
    return new StatusUpdate(u.uuid(), u.key(), u.state(), u.reason(), u.message(), u.exitCode(), u.containerId(),
        u.agentId(), java.time.Instant.ofEpochMilli(u.timestamp().toEpochMilli()), Optional.of(true));
  }
}
