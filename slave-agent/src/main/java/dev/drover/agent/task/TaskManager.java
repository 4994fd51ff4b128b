package dev.drover.agent.task;

import dev.drover.agent.Scheduler;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the agent's tasks: admits them against free resources (never over-committing), runs them as processes in
 * their sandboxes, kills them (SIGTERM to the group, SIGKILL after the grace period) and reports every change as a
 * {@link StatusUpdate} to {@code statuses}. Not thread-safe: call it only from the agent loop; process exits are
 * brought back onto the loop through the {@link Scheduler}.
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
  private final ProcessLauncher launcher;
  private final Duration defaultGrace;
  private final Consumer<StatusUpdate> statuses;
  private final Map<TaskKey, TaskRecord> tasks = new LinkedHashMap<>();
  private Consumer<TaskKey> onPruned = k -> { };

  public TaskManager(Scheduler scheduler, Clock clock, Resources total, Path sandboxRoot, String hostname,
      Supplier<String> agentId, ProcessLauncher launcher, Duration defaultGrace, Consumer<StatusUpdate> statuses) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.total = total;
    this.sandboxRoot = sandboxRoot;
    this.hostname = hostname;
    this.agentId = agentId;
    this.launcher = launcher;
    this.defaultGrace = defaultGrace;
    this.statuses = statuses;
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
    if (!safeName(key.frameworkId()) || !safeName(key.taskId())) {
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
      String what = short_.stream().map(n -> describe(n, spec.resources(), free)).collect(Collectors.joining(", "));
      reject(key, TaskReason.INVALID_OFFERS, "insufficient resources on agent: " + what);
      return;
    }
    TaskRecord t = new TaskRecord(spec, sandboxRoot.resolve(key.frameworkId()).resolve(key.taskId()));
    tasks.put(key, t);
    pruneCompleted();
    LOG.info("Launching task {} ({}) in {}", key, spec.resources(), t.sandbox);
    transition(t, TaskState.STARTING, TaskReason.STARTED, "launching", OptionalInt.empty());
    try {
      Files.createDirectories(t.sandbox);
      t.process = launcher.launch(spec.command().argv(), t.sandbox, environment(spec, t.sandbox));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Task {} could not start: {}", key, e.toString());
      transition(t, TaskState.FAILED, TaskReason.CONTAINER_LAUNCH_FAILED, "cannot launch: " + e.getMessage(),
          OptionalInt.empty());
      return;
    }
    t.pid = t.process.pid();
    t.group = launcher.usesProcessGroups();
    LOG.info("Task {} running as pid {}", key, t.pid);
    transition(t, TaskState.RUNNING, TaskReason.STARTED, "running as pid " + t.pid, OptionalInt.empty());
    Process process = t.process;
    process.onExit().thenAccept(p -> scheduler.execute(() -> exited(t, p.exitValue())));
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
    LOG.info("Killing task {} (pid {}): SIGTERM, SIGKILL after {} ms", key, t.pid, period.toMillis());
    transition(t, TaskState.KILLING, reason, "killing", OptionalInt.empty());
    ProcessGroups.terminate(t.pid, t.group);
    t.killTimer = scheduler.schedule(period, () -> {
      if (!t.state.isTerminal()) {
        LOG.info("Task {} outlived its {} ms grace period; SIGKILL", key, period.toMillis());
        ProcessGroups.kill(t.pid, t.group);
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

  /** SIGKILLs every live task's process group at once (the agent is closing); sends no statuses. */
  public void killAllNow() {
    for (TaskRecord t : tasks.values()) {
      if (!t.state.isTerminal() && t.pid > 0) {
        LOG.info("Agent closing: killing task {} (pid {})", t.spec.key(), t.pid);
        ProcessGroups.kill(t.pid, t.group);
      }
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

  private void exited(TaskRecord t, int code) {
    if (t.killTimer != null) {
      t.killTimer.cancel();
    }
    if (t.group) {
      ProcessGroups.kill(t.pid, true);  // whatever the task left behind in its group goes with it
    }
    if (t.state.isTerminal()) {
      return;
    }
    if (t.killReason != null) {
      LOG.info("Task {} killed (exit code {})", t.spec.key(), code);
      transition(t, TaskState.KILLED, t.killReason, "killed", OptionalInt.of(code));
    } else if (code == 0) {
      LOG.info("Task {} exited with code 0", t.spec.key());
      transition(t, TaskState.FINISHED, TaskReason.EXITED, "exited with code 0", OptionalInt.of(0));
    } else {
      LOG.info("Task {} exited with code {}", t.spec.key(), code);
      transition(t, TaskState.FAILED, TaskReason.COMMAND_EXECUTOR_FAILED, "exited with code " + code,
          OptionalInt.of(code));
    }
  }

  private void transition(TaskRecord t, TaskState next, TaskReason reason, String message, OptionalInt exitCode) {
    if (!t.state.canTransitionTo(next)) {
      LOG.warn("Task {}: ignoring transition {} -> {}", t.spec.key(), t.state, next);
      return;
    }
    t.state = next;
    emit(t.spec.key(), next, reason, message, exitCode, t.pid > 0 ? Long.toString(t.pid) : "");
  }

  private void emit(TaskKey key, TaskState state, TaskReason reason, String message, OptionalInt exitCode,
      String containerId) {
    statuses.accept(StatusUpdate.create(clock, agentId.get(), key, state, reason, message, exitCode, containerId));
  }

  private Map<String, String> environment(TaskSpec spec, Path sandbox) {
    Map<String, String> env = new HashMap<>(spec.command().environment());
    env.put("DROVER_TASK_ID", spec.key().taskId());
    env.put("DROVER_FRAMEWORK_ID", spec.key().frameworkId());
    env.put("DROVER_AGENT_ID", agentId.get());
    env.put("DROVER_SANDBOX", sandbox.toAbsolutePath().toString());
    env.put("HOST", hostname);
    List<Long> ports = spec.resources().ports().first((int) Math.min(spec.resources().ports().size(), 10_000));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      env.put("PORT" + i, Long.toString(ports.get(i)));
      names.add(Long.toString(ports.get(i)));
    }
    if (!ports.isEmpty()) {
      env.put("PORT", Long.toString(ports.get(0)));
      env.put("PORTS", String.join(",", names));
    }
    return env;
  }

  private static String describe(String name, Resources wanted, Resources free) {
    if (wanted.scalarNames().contains(name)) {
      return name + " (wants " + fmt(wanted.scalar(name)) + ", free " + fmt(free.scalar(name)) + ")";
    }
    if (wanted.rangeNames().contains(name)) {
      return name + " (wants " + wanted.ranges(name) + ", free " + free.ranges(name) + ")";
    }
    return name + " (wants " + wanted.set(name) + ", free " + free.set(name) + ")";
  }

  private static boolean safeName(String s) {
    return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\0') < 0;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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

  private static final class TaskRecord {
    final TaskSpec spec;
    final Path sandbox;
    TaskState state = TaskState.STAGING;
    Process process;
    long pid = -1;
    boolean group;
    TaskReason killReason;
    Scheduler.Cancellable killTimer;

    TaskRecord(TaskSpec spec, Path sandbox) {
      this.spec = spec;
      this.sandbox = sandbox;
    }

    TaskView view() {
      return new TaskView(spec.key(), spec.name(), state, pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(),
          sandbox, spec.resources());
    }
  }
}
