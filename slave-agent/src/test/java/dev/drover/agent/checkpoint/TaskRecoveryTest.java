package dev.drover.agent.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.DockerCondition;
import dev.drover.agent.Poll;
import dev.drover.agent.RequiresDocker;
import dev.drover.agent.TaskHarness;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.docker.DockerClients;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task manager abandoned without killing its tasks (as by kill -9), then a new one recovering from the same
 * checkpoints: it re-attaches to the same process and container, or with cleanup kills them.
 */
@RequiresDocker
class TaskRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;

  @Test
  void reattachesToTheSameProcessAndContainer() {
    CheckpointStore store = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
    TaskHarness first = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(store);
    TaskSpec process = task("sleep 600", false);
    TaskSpec docker = task("sleep 600", true);
    first.run(process);
    first.run(docker);
    String pid = first.await(process.key(), TaskState.RUNNING, WAIT).containerId();
    String container = first.await(docker.key(), TaskState.RUNNING, WAIT).containerId();
    first.abandon();
    store.close();  // idle: the harness counts an update only once its checkpoint is durable

    try (CheckpointStore reopened = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
        TaskHarness second = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(reopened)) {
      recover(second, reopened, false);
      Poll.until(WAIT, "both re-attached", () -> second.tasks.tasks().size() == 2);
      Poll.until(WAIT, "the container is known again", () -> second.docker.client().inspectContainerCmd(container)
          .exec().getState().getRunning());
      assertTrue(ProcessHandle.of(Long.parseLong(pid)).isPresent(), "the process still runs");
      assertEquals(List.of(), second.updates, "nothing changed, so nothing is reported");

      second.kill(process.key(), Duration.ofSeconds(5));
      second.kill(docker.key(), Duration.ofSeconds(5));
      StatusUpdate p = second.awaitTerminal(process.key(), WAIT);
      StatusUpdate d = second.awaitTerminal(docker.key(), WAIT);
      assertEquals(TaskState.KILLED, p.state());
      assertEquals(pid, p.containerId(), "the same pid was signalled");
      assertEquals(TaskState.KILLED, d.state());
      assertEquals(container, d.containerId());
      Poll.until(WAIT, "process gone", () -> ProcessHandle.of(Long.parseLong(pid)).isEmpty()
          || !ProcessHandle.of(Long.parseLong(pid)).get().isAlive());
    }
  }

  @Test
  void cleanupKillsWhatItFinds() {
    CheckpointStore store = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
    TaskHarness first = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(store);
    TaskSpec process = task("sleep 600", false);
    TaskSpec docker = task("sleep 600", true);
    first.run(process);
    first.run(docker);
    first.await(process.key(), TaskState.RUNNING, WAIT);
    first.await(docker.key(), TaskState.RUNNING, WAIT);
    first.abandon();
    store.close();

    try (CheckpointStore reopened = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
        TaskHarness second = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(reopened)) {
      recover(second, reopened, true);
      StatusUpdate p = second.awaitTerminal(process.key(), WAIT);
      StatusUpdate d = second.awaitTerminal(docker.key(), WAIT);
      assertEquals(TaskState.KILLED, p.state());
      assertEquals(TaskReason.AGENT_RESTARTED, p.reason());
      assertEquals(TaskState.KILLED, d.state());
      assertEquals(TaskReason.AGENT_RESTARTED, d.reason());
    }
  }

  /** A container that exits while no agent watches it gets its real terminal update from the restarted agent. */
  @Test
  void aContainerThatExitedWhileTheAgentWasDownEndsWithItsExitCode() {
    CheckpointStore store = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
    TaskHarness first = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(store);
    TaskSpec docker = task("while [ ! -f stop ]; do sleep 0.1; done; echo bye; exit 3", true);
    first.run(docker);
    String container = first.await(docker.key(), TaskState.RUNNING, WAIT).containerId();
    first.abandon();
    store.close();
    Path sandbox = tmp.resolve("sandboxes/fw").resolve(docker.key().taskId());
    try {
      java.nio.file.Files.createFile(sandbox.resolve("stop"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    try (var client = DockerClients.create(ContainerOptions.DEFAULT_DOCKER_HOST)) {
      Poll.until(WAIT, "the container exited", () -> !client.inspectContainerCmd(container).exec().getState()
          .getRunning());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    try (CheckpointStore reopened = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
        TaskHarness second = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(reopened)) {
      recover(second, reopened, false);
      StatusUpdate end = second.awaitTerminal(docker.key(), WAIT);
      assertEquals(TaskState.FAILED, end.state(), end.toString());
      assertEquals(3, end.exitCode().orElse(-1));
      assertEquals(container, end.containerId());
      assertEquals(List.of(TaskState.FAILED), second.states(docker.key()), "no RUNNING again first");
      Poll.until(WAIT, "its last words in the sandbox", () -> read(sandbox.resolve("stdout")).contains("bye"));
      Poll.until(WAIT, "the exited container removed", () -> second.docker.client().listContainersCmd()
          .withShowAll(true).withIdFilter(List.of(container)).exec().isEmpty());
    }
  }

  /** Output printed while no agent followed the container reaches the sandbox after recovery, with no gap. */
  @Test
  void aContainersOutputWhileTheAgentIsDownReachesTheSandboxAfterRecovery() {
    CheckpointStore store = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
    TaskHarness first = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(store);
    TaskSpec docker = task("i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done", true);
    first.run(docker);
    String container = first.await(docker.key(), TaskState.RUNNING, WAIT).containerId();
    Path stdout = tmp.resolve("sandboxes/fw").resolve(docker.key().taskId()).resolve("stdout");
    Poll.until(WAIT, "a few lines followed", () -> lastLine(stdout) >= 3);
    first.abandon();
    store.close();
    int before = lastLine(stdout);
    Poll.until(WAIT, "ten more lines printed while no agent follows", () -> lastLine(
        containerLogs(container)) >= before + 10);

    try (CheckpointStore reopened = CheckpointStore.open(tmp, new ProtoCheckpointCodec());
        TaskHarness second = new TaskHarness(tmp.resolve("sandboxes")).withCheckpoints(reopened)) {
      recover(second, reopened, false);
      Poll.until(WAIT, "output after the restart in the sandbox", () -> lastLine(stdout) >= before + 15);
      String out = read(stdout);
      for (int i = 0; i <= before + 15; i++) {
        assertTrue(out.contains("line-" + i + "\n"), "line-" + i + " is in the sandbox (agent down after line-"
            + before + ")");
      }
      second.kill(docker.key(), Duration.ofSeconds(1));
      second.awaitTerminal(docker.key(), WAIT);
    }
  }

  /** The container's stdout so far, read straight from the engine. */
  private static String containerLogs(String id) {
    StringBuilder out = new StringBuilder();
    try (var client = DockerClients.create(ContainerOptions.DEFAULT_DOCKER_HOST)) {
      client.logContainerCmd(id).withStdOut(true).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame f) {
          out.append(new String(f.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  private static int lastLine(Path file) {
    return lastLine(read(file));
  }

  private static int lastLine(String text) {
    int last = -1;
    for (String line : text.split("\n")) {
      if (line.startsWith("line-")) {
        last = Math.max(last, Integer.parseInt(line.substring(5).trim()));
      }
    }
    return last;
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static void recover(TaskHarness h, CheckpointStore store, boolean cleanup) {
    for (TaskCheckpoint c : store.load()) {
      h.loop.execute(() -> h.tasks.recover(c.spec().orElseThrow(), c.runtime(),
          c.latest().map(StatusUpdate::state).orElse(TaskState.STAGING), cleanup));
    }
  }

  private static TaskSpec task(String command, boolean docker) {
    return new TaskSpec(new TaskKey("fw", "t-" + UUID.randomUUID().toString().substring(0, 8)), "test",
        Resources.parse("cpus:0.1;mem:32"), new CommandSpec(true, command, List.of(), Map.of()), Optional.empty(),
        docker ? Optional.of(DockerSpec.of(DockerCondition.IMAGE)) : Optional.empty());
  }
}
