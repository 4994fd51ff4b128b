package dev.drover.agent.task;

import dev.drover.agent.Scheduler;
import dev.drover.agent.container.Container;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.container.Containerizer;
import dev.drover.agent.container.Containerizers;
import dev.drover.agent.container.LaunchException;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the agent's tasks: admits them against free resources (never over-committing), runs them through a
 * {@link Containerizer} (processes in their sandboxes, or Docker containers), kills them (SIGTERM, SIGKILL after the
 * grace period) and reports every change as a {@link StatusUpdate} to {@code statuses}. With a checkpoint store
 * ({@link #checkpointTo}) a task is launched only once its description is on disk; one killed before that ends
 * KILLED without starting. Not thread-safe: call it only from the agent loop; launches, exits and checkpoint
 * completions are brought back onto the loop through the {@link Scheduler}.
 */
public final class TaskManager {
  private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
  private static final int MAX_COMPLETED = 200;

  private final Scheduler scheduler;
  private final Clock clock;
  private final Resources total;
  private final Path sandboxRoot;
  private final String hostname;
  private final Supplier<String> agentId;
  private final Containerizers containerizers;
  private final Duration defaultGrace;
  private final Consumer<StatusUpdate> statuses;
  private final TaskHealth health;
  private final Map<TaskKey, TaskRecord> tasks = new LinkedHashMap<>();
  private Consumer<TaskKey> onPruned = k -> { };
  private CheckpointStore checkpoints;

  public TaskManager(Scheduler scheduler, Clock clock, Resources total, Path sandboxRoot, String hostname,
      Supplier<String> agentId, Containerizers containerizers, Duration defaultGrace, Consumer<StatusUpdate> statuses) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.total = total;
    this.sandboxRoot = sandboxRoot;
    this.hostname = hostname;
    this.agentId = agentId;
    this.containerizers = containerizers;
    this.defaultGrace = defaultGrace;
    this.statuses = statuses;
    this.health = new TaskHealth(clock);
  }

  public Resources total() {
    return total;
  }

  /** Resources held by tasks that have not reached a terminal state. */
  public Resources used() {
    Resources used = Resources.EMPTY;
    for (TaskRecord t : tasks.values()) {
      if (!t.state.isTerminal()) {
        used = used.plus(t.spec.resources());
      }
    }
    return used;
  }

  public Resources free() {
    return total.minus(used());
  }

  /** Admits and starts {@code spec}, or answers TASK_ERROR naming why it cannot run here. */
  public void run(TaskSpec spec) {
    TaskKey key = spec.key();
    if (!TaskAdmission.safeName(key.frameworkId()) || !TaskAdmission.safeName(key.taskId())) {
      reject(key, TaskReason.TASK_INVALID, "task and framework ids must be non-empty, not '.' or '..', and"
          + " contain no '/'");
      return;
    }
    TaskRecord existing = tasks.get(key);
    if (existing != null && !existing.state.isTerminal()) {
      reject(key, TaskReason.TASK_INVALID, "task " + key.taskId() + " is already " + existing.state);
      return;
    }
    Resources free = free();
    Set<String> short_ = free.shortfall(spec.resources());
    if (!short_.isEmpty()) {
      String what = short_.stream().map(n -> TaskAdmission.describe(n, spec.resources(), free))
          .collect(Collectors.joining(", "));
      reject(key, TaskReason.INVALID_OFFERS, "insufficient resources on agent: " + what);
      return;
    }
    List<Long> busy = TaskAdmission.inUseOnHost(spec.resources().ports());
    if (!busy.isEmpty()) {
      reject(key, TaskReason.INVALID_OFFERS, "ports already in use on this host by something outside Drover: " + busy);
      return;
    }
    Optional<Containerizer> containerizer = containerizers.forTask(spec);
    if (containerizer.isEmpty()) {
      reject(key, TaskReason.TASK_INVALID, "Docker is disabled on this agent");
      return;
    }
    TaskRecord t = new TaskRecord(spec, sandboxRoot.resolve(key.frameworkId()).resolve(key.taskId()));
    tasks.put(key, t);
    pruneCompleted();
    LOG.info("Launching task {} ({}) with the {} containerizer in {}", key, spec.resources(),
        containerizer.get().name(), t.sandbox);
    if (checkpoints == null) {
      transition(t, TaskState.STARTING, TaskReason.STARTED, "launching", OptionalInt.empty());
      launch(t, containerizer.get());
      return;
    }
    // Persist, then act: the task starts once its description is on disk (its STARTING update is journalled after).
    CompletableFuture<Void> written = checkpoints.saveSpec(spec);
    transition(t, TaskState.STARTING, TaskReason.STARTED, "launching", OptionalInt.empty());
    written.whenComplete((v, err) -> scheduler.execute(() -> specWritten(t, containerizer.get(), err)));
  }

  private void specWritten(TaskRecord t, Containerizer containerizer, Throwable err) {
    if (err != null) {
      transition(t, TaskState.FAILED, TaskReason.CONTAINER_LAUNCH_FAILED, "cannot checkpoint the task: " + err,
          OptionalInt.empty());
    } else if (t.killReason != null) {
      transition(t, TaskState.KILLED, t.killReason, "killed before it was launched", OptionalInt.empty());
    } else {
      launch(t, containerizer);
    }
  }

  private void launch(TaskRecord t, Containerizer containerizer) {
    containerizer.launch(t.spec, t.sandbox, TaskEnvironment.of(t.spec, t.sandbox, agentId.get(), hostname))
        .whenComplete((c, err) -> scheduler.execute(() -> launched(t, c, err)));
  }

  private void launched(TaskRecord t, Container c, Throwable err) {
    TaskKey key = t.spec.key();
    if (err != null) {
      Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      LaunchException e = cause instanceof LaunchException le ? le
          : LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED, "cannot launch: " + cause, cause);
      LOG.warn("Task {} could not start: {}", key, e.getMessage());
      if (e.refused() && t.state == TaskState.STARTING) {
        transition(t, TaskState.ERROR, e.reason(), e.getMessage(), OptionalInt.empty());
      } else if (t.killReason != null) {
        transition(t, TaskState.KILLED, t.killReason, "killed during launch", OptionalInt.empty());
      } else {
        transition(t, TaskState.FAILED, e.reason(), e.getMessage(), OptionalInt.empty());
      }
      return;
    }
    t.container = c;
    t.containerId = c.id();
    t.pid = c.pid().orElse(-1);
    if (checkpoints != null) {
      checkpoints.saveRuntime(key, c.runtime());
    }
    c.exit().thenAccept(exit -> scheduler.execute(() -> exited(t, exit)));
    if (t.killReason != null) {
      LOG.info("Task {} was killed while launching; SIGKILL to {}", key, c.id());
      c.kill();
      return;
    }
    LOG.info("Task {} running in {}", key, c.id());
    transition(t, TaskState.RUNNING, TaskReason.STARTED, "running in " + c.id(), OptionalInt.empty());
    startHealthCheck(t);
  }

  private void startHealthCheck(TaskRecord t) {
    if (!t.spec.healthChecks().isEmpty()) {
      t.checker = health.start(t.spec, t.container, t.sandbox,
          TaskEnvironment.of(t.spec, t.sandbox, agentId.get(), hostname),
          healthy -> scheduler.execute(() -> healthChanged(t, healthy)));
    }
  }

  /** A health change becomes a RUNNING update with {@code healthy} set; later updates of the task carry it too. */
  private void healthChanged(TaskRecord t, boolean healthy) {
    if (t.state != TaskState.RUNNING) {
      return;
    }
    t.healthy = Optional.of(healthy);
    transition(t, TaskState.RUNNING, TaskReason.TASK_HEALTH_CHECK_STATUS_UPDATED,
        healthy ? "health check passed" : "health check failed", OptionalInt.empty());
  }

  /** Answers TASK_ERROR for a task that is not admitted (invalid description, no room, duplicate id). */
  public void reject(TaskKey key, TaskReason reason, String message) {
    LOG.warn("Refusing task {}: {}", key, message);
    emit(key, TaskState.ERROR, reason, message, OptionalInt.empty(), "");
  }

  /** Reports TASK_GONE for a task this agent does not know. */
  public void gone(TaskKey key, TaskReason reason) {
    emit(key, TaskState.GONE, reason, "task is unknown to this agent", OptionalInt.empty(), "");
  }

  /**
   * Kills a task: KILLING now, SIGTERM to its process group, SIGKILL after {@code grace} (the task's kill policy
   * wins, then this, then the agent default), KILLED when it is gone. An unknown task gets TASK_GONE.
   */
  public void kill(TaskKey key, Optional<Duration> grace, TaskReason reason) {
    TaskRecord t = tasks.get(key);
    if (t == null) {
      LOG.info("Asked to kill unknown task {}; reporting it gone", key);
      gone(key, TaskReason.TASK_UNKNOWN);
      return;
    }
    if (t.state.isTerminal() || t.state == TaskState.KILLING) {
      LOG.info("Kill of task {} ignored: already {}", key, t.state);
      return;
    }
    Duration period = t.spec.killGracePeriod().or(() -> grace).orElse(defaultGrace);
    t.killReason = reason;
    transition(t, TaskState.KILLING, reason, "killing", OptionalInt.empty());
    if (t.checker != null) {
      t.checker.stop();
    }
    if (t.container == null) {
      LOG.info("Killing task {} while it launches: it is killed as soon as it has started", key);
      return;
    }
    LOG.info("Killing task {} ({}): SIGTERM, SIGKILL after {} ms", key, t.containerId, period.toMillis());
    t.container.terminate();
    t.killTimer = scheduler.schedule(period, () -> {
      if (!t.state.isTerminal()) {
        LOG.info("Task {} outlived its {} ms grace period; SIGKILL", key, period.toMillis());
        t.container.kill();
      }
    });
  }

  /** Kills every live task of {@code frameworkId}; the framework was torn down. */
  public void shutdownFramework(String frameworkId) {
    List<TaskKey> keys = tasks.values().stream()
        .filter(t -> t.spec.key().frameworkId().equals(frameworkId) && !t.state.isTerminal())
        .map(t -> t.spec.key()).toList();
    LOG.info("Shutting down framework {}: killing {} task(s)", frameworkId, keys.size());
    keys.forEach(k -> kill(k, Optional.empty(), TaskReason.FRAMEWORK_REMOVED));
  }

  /** Destroys every live task's container at once (the agent is closing); sends no statuses. */
  public void killAllNow() {
    for (TaskRecord t : tasks.values()) {
      if (!t.state.isTerminal() && t.container != null) {
        LOG.info("Agent closing: killing task {} ({})", t.spec.key(), t.containerId);
        t.container.destroy();
      }
    }
  }

  /** Writes each admitted task's description and container to {@code store} before it runs (persist, then act). */
  public void checkpointTo(CheckpointStore store) {
    this.checkpoints = store;
  }

  /**
   * Takes back a task that an earlier run of this agent started, in the state its newest checkpointed status
   * names. A live task is re-attached to its container and keeps running; one that ended while the agent was down
   * gets its terminal update. With {@code cleanup} every container found is killed instead (KILLED, reason
   * AGENT_RESTARTED).
   */
  public void recover(TaskSpec spec, Optional<ContainerRuntime> runtime, TaskState state, boolean cleanup) {
    TaskRecord t = new TaskRecord(spec, sandboxRoot.resolve(spec.key().frameworkId()).resolve(spec.key().taskId()));
    t.state = state;
    runtime.ifPresent(r -> {
      t.containerId = r.containerId();
      t.pid = r.pid().orElse(-1);
    });
    tasks.put(spec.key(), t);
    if (state.isTerminal()) {
      return;
    }
    Optional<Containerizer> containerizer = containerizers.forTask(spec);
    if (containerizer.isEmpty()) {
      transition(t, TaskState.FAILED, TaskReason.AGENT_RESTARTED, "Docker is disabled on the restarted agent",
          OptionalInt.empty());
      return;
    }
    LOG.info("Recovering task {} ({}, was {})", spec.key(), runtime.map(ContainerRuntime::containerId)
        .orElse("no container recorded"), state);
    containerizer.get().recover(spec, runtime, t.sandbox)
        .whenComplete((c, err) -> scheduler.execute(() -> recovered(t, c, err, cleanup)));
  }

  private void recovered(TaskRecord t, Container c, Throwable err, boolean cleanup) {
    if (err != null) {
      LOG.warn("Task {} could not be recovered: {}", t.spec.key(), err.toString());
      transition(t, TaskState.FAILED, TaskReason.AGENT_RESTARTED, "lost on agent restart: " + err.getMessage(),
          OptionalInt.empty());
      return;
    }
    t.container = c;
    t.containerId = c.id();
    t.pid = c.pid().orElse(t.pid);
    c.exit().thenAccept(exit -> scheduler.execute(() -> exited(t, exit)));
    if (c.exit().isDone()) {
      return;
    }
    if (cleanup) {
      LOG.info("Task {}: --recover=cleanup, killing its container {}", t.spec.key(), c.id());
      t.killReason = TaskReason.AGENT_RESTARTED;
      c.kill();
    } else if (t.state == TaskState.KILLING) {
      LOG.info("Task {} was being killed when the agent stopped; SIGKILL", t.spec.key());
      t.killReason = TaskReason.KILLED_BY_FRAMEWORK;
      c.kill();
    } else {
      if (t.state != TaskState.RUNNING) {
        transition(t, TaskState.RUNNING, TaskReason.STARTED, "running in " + c.id(), OptionalInt.empty());
      }
      startHealthCheck(t);
    }
  }

  /** Called with each completed task forgotten to keep the history bounded. */
  public void onPruned(Consumer<TaskKey> listener) {
    this.onPruned = listener;
  }

  public Optional<TaskSpec> spec(TaskKey key) {
    return Optional.ofNullable(tasks.get(key)).map(t -> t.spec);
  }

  public Optional<TaskView> task(TaskKey key) {
    return Optional.ofNullable(tasks.get(key)).map(TaskRecord::view);
  }

  public List<TaskView> tasks() {
    return tasks.values().stream().map(TaskRecord::view).toList();
  }

  private void exited(TaskRecord t, ContainerExit exit) {
    if (t.killTimer != null) {
      t.killTimer.cancel();
    }
    if (t.checker != null) {
      t.checker.stop();
    }
    if (t.state.isTerminal()) {
      return;
    }
    TaskExit end = TaskExit.of(exit, t.killReason);
    LOG.info("Task {} ended: {} ({})", t.spec.key(), end.state(), end.message());
    transition(t, end.state(), end.reason(), end.message(), end.exitCode());
  }

  private void transition(TaskRecord t, TaskState next, TaskReason reason, String message, OptionalInt exitCode) {
    if (!t.state.canTransitionTo(next)) {
      LOG.warn("Task {}: ignoring transition {} -> {}", t.spec.key(), t.state, next);
      return;
    }
    t.state = next;
    if (next.isTerminal() && t.checker != null) {
      t.checker.stop();
    }
    statuses.accept(StatusUpdate.create(clock, agentId.get(), t.spec.key(), next, reason, message, exitCode,
        t.containerId, t.healthy));
  }

  private void emit(TaskKey key, TaskState state, TaskReason reason, String message, OptionalInt exitCode,
      String containerId) {
    statuses.accept(StatusUpdate.create(clock, agentId.get(), key, state, reason, message, exitCode, containerId));
  }

  private void pruneCompleted() {
    long completed = tasks.values().stream().filter(t -> t.state.isTerminal()).count();
    Iterator<TaskRecord> it = tasks.values().iterator();
    while (completed > MAX_COMPLETED && it.hasNext()) {
      TaskRecord t = it.next();
      if (t.state.isTerminal()) {
        it.remove();
        onPruned.accept(t.spec.key());
        completed--;
      }
    }
  }
}
