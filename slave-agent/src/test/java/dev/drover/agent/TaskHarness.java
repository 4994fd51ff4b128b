package dev.drover.agent;

import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.Containerizers;
import dev.drover.agent.container.docker.DockerClients;
import dev.drover.agent.container.docker.DockerContainerizer;
import dev.drover.agent.container.process.Cgroups;
import dev.drover.agent.container.process.ProcessContainerizer;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskManager;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link TaskManager} on a real loop with the real process and Docker containerizers, collecting every
 * status update it emits. Calls are made on the loop and waited for.
 */
public final class TaskHarness implements AutoCloseable {
  /**
   * Grows a string without end, in user space, until the memory limit's OOM killer ends it. (A {@code dd} reading into
   * a large buffer was not reliable: the kernel fills that buffer inside read(), and a memory-cgroup charge failing
   * there may fail the call instead of invoking the OOM killer; one CI run saw the task simply finish.)
   */
  public static final String MEMORY_HOG = "awk 'BEGIN { s = \"x\"; while (1) s = s s }'";

  public static final String AGENT_ID = "agent-test";

  public final LoopScheduler loop = new LoopScheduler("test-agent-loop");
  public final DockerContainerizer docker;
  public final TaskManager tasks;
  public final List<StatusUpdate> updates = new CopyOnWriteArrayList<>();
  private final Containerizers containerizers;
  private CheckpointStore store;

  public TaskHarness(Path sandboxes, Resources total, ContainerOptions options) {
    docker = new DockerContainerizer(DockerClients.create(options.dockerHost()), options, () -> AGENT_ID);
    containerizers = new Containerizers(
        new ProcessContainerizer(ProcessLauncher.detect(), Cgroups.detect(sandboxes.getParent())),
        Optional.of(docker));
    tasks = new TaskManager(loop, Clock.systemUTC(), total, sandboxes, "localhost", () -> AGENT_ID,
        containerizers, Duration.ofSeconds(3), u -> {
          if (store == null) {
            updates.add(u);
            return;
          }
          // As the agent: an update counts (is "sent") once its checkpoint is durable; here it is acknowledged at once.
          store.append(u).thenRun(() -> updates.add(u));
          store.acknowledged(u.key(), u.uuid());
        });
  }

  /** Checkpoints to {@code store} and the status updates it emits too, as the agent does. */
  public TaskHarness withCheckpoints(CheckpointStore store) {
    onLoop(() -> tasks.checkpointTo(store));
    onLoop(() -> tasks.onPruned(k -> { }));
    updates.clear();
    this.store = store;
    return this;
  }

  /** Stops without touching the tasks, as a {@code kill -9} of the agent would. */
  public void abandon() {
    loop.shutdown();
    containerizers.close();
  }

  public TaskHarness(Path sandboxes) {
    this(sandboxes, Resources.parse("cpus:8;mem:8192;disk:10000;ports:[20000-65000]"), ContainerOptions.defaults());
  }

  public void run(TaskSpec spec) {
    onLoop(() -> tasks.run(spec));
  }

  public void kill(TaskKey key, Duration grace) {
    onLoop(() -> tasks.kill(key, Optional.of(grace), TaskReason.KILLED_BY_FRAMEWORK));
  }

  /** Waits for {@code key} to reach {@code state} and returns that update. */
  public StatusUpdate await(TaskKey key, TaskState state, Duration timeout) {
    return Poll.until(timeout, key + " " + state + " (got " + states(key) + ")", () -> updates.stream()
        .filter(u -> u.key().equals(key) && u.state() == state).findFirst());
  }

  /** Waits for {@code key} to reach any terminal state and returns that update. */
  public StatusUpdate awaitTerminal(TaskKey key, Duration timeout) {
    return Poll.until(timeout, key + " terminal (got " + states(key) + ")", () -> updates.stream()
        .filter(u -> u.key().equals(key) && u.state().isTerminal()).findFirst());
  }

  public List<TaskState> states(TaskKey key) {
    return updates.stream().filter(u -> u.key().equals(key)).map(StatusUpdate::state).toList();
  }

  private void onLoop(Runnable r) {
    try {
      loop.submit(() -> {
        r.run();
        return null;
      }).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    onLoop(tasks::killAllNow);
    loop.shutdown();
    containerizers.close();
  }
}
