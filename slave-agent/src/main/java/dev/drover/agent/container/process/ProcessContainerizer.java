package dev.drover.agent.container.process;

import dev.drover.agent.container.Container;
import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.container.Containerizer;
import dev.drover.agent.container.EndedContainer;
import dev.drover.agent.container.LaunchException;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task as a process in its sandbox, in its own process group where {@code setsid} exists. {@link #launch}
 * prepares the sandbox and cgroup and forks on its own launcher threads (a fork costs a millisecond or two, which
 * the agent loop should not spend), completing the future there. Thread-safe.
 */
public final class ProcessContainerizer implements Containerizer {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessContainerizer.class);
  private static final int LAUNCH_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private final ProcessLauncher launcher;
  private final Cgroups cgroups;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "adopted-process-watcher");
    t.setDaemon(true);
    return t;
  });

  private final boolean allowRoot;
  private final ExecutorService launches;

  public ProcessContainerizer(ProcessLauncher launcher, Cgroups cgroups) {
    this(launcher, cgroups, true);
  }

  /** {@code allowRoot} false: tasks that would run as root are refused (TASK_ERROR) naming the flag. */
  public ProcessContainerizer(ProcessLauncher launcher, Cgroups cgroups, boolean allowRoot) {
    this.launcher = launcher;
    this.cgroups = cgroups;
    this.allowRoot = allowRoot;
    AtomicInteger n = new AtomicInteger();
    this.launches = Executors.newFixedThreadPool(LAUNCH_THREADS, r -> {
      Thread t = new Thread(r, "process-launcher-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether process tasks get cgroup limits here, and if not why: for the agent's log and state. */
  public String isolation() {
    return cgroups.description();
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    launches.shutdownNow();
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public CompletableFuture<Container> launch(TaskSpec spec, Path sandbox, Map<String, String> environment) {
    try {
      return CompletableFuture.supplyAsync(() -> start(spec, sandbox, environment), launches)
          .thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED,
          "the agent is closing", e));
    }
  }

  private CompletableFuture<Container> start(TaskSpec spec, Path sandbox, Map<String, String> environment) {
    List<String> argv;
    try {
      Files.createDirectories(sandbox);
      if (!allowRoot && RunAs.wouldBeRoot(spec.command().user())) {
        throw new IllegalArgumentException("user: tasks may not run as root on this agent; give the task or its "
            + "framework a user, or start the agent with --allow-root-tasks");
      }
      argv = RunAs.wrap(spec.command().user(), spec.command().argv(), sandbox);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(LaunchException.refused(e.getMessage()));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED,
          "cannot prepare to run as user '" + spec.command().user() + "': " + e.getMessage(), e));
    }
    try {
      Optional<Cgroups.Group> group = group(spec);
      Process p = launcher.launch(argv, sandbox, environment,
          group.map(Cgroups.Group::procs).orElse(List.of()));
      return CompletableFuture.completedFuture(ProcessContainer.child(p, launcher.usesProcessGroups(),
          launcher.usesProcessGroups() && group.isEmpty(), release(group)));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED,
          "cannot launch: " + e.getMessage(), e));
    }
  }

  private Optional<Cgroups.Group> group(TaskSpec spec) {
    if (!cgroups.enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(cgroups.create(name(spec), spec.resources()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Task {} runs WITHOUT memory and cpu limits: cannot create its cgroup: {}", spec.key(),
          e.toString());
      return Optional.empty();
    }
  }

  /**
   * After the exit: whatever the task left behind in its cgroup is killed (a read of {@code cgroup.procs} and a
   * signal per survivor, where a process-group kill would fork {@code kill}), an OOM kill in the group makes it an
   * OOM exit, and the group is removed.
   */
  private UnaryOperator<ContainerExit> release(Optional<Cgroups.Group> group) {
    return exit -> {
      if (group.isEmpty()) {
        return exit;
      }
      cgroups.killAll(group.get());
      boolean oom = Cgroups.oomKilled(group.get());
      cgroups.remove(group.get());
      return oom ? new ContainerExit(exit.exitCode(), true, exit.detail()) : exit;
    };
  }

  private static String name(TaskSpec spec) {
    return spec.key().frameworkId() + "." + spec.key().taskId();
  }

  /**
   * Adopts the task's process if one with the checkpointed pid is alive and started at the checkpointed time (a pid
   * reused by another process has another start time); otherwise the task ended while the agent was down.
   */
  @Override
  public CompletableFuture<Container> recover(TaskSpec spec, Optional<ContainerRuntime> runtime, Path sandbox) {
    if (runtime.isEmpty() || runtime.get().pid().isEmpty()) {
      return CompletableFuture.completedFuture(new EndedContainer(
          new ContainerRuntime(name(), "", OptionalLong.empty(), OptionalLong.empty()),
          new ContainerExit(OptionalInt.empty(), false, "the agent stopped before it recorded the task's pid;"
              + " the process cannot be found")));
    }
    ContainerRuntime r = runtime.get();
    Optional<ProcessHandle> alive = ProcessHandle.of(r.pid().getAsLong()).filter(ProcStat::running)
        .filter(h -> r.startMillis().isEmpty() || ProcessContainer.startMillis(h).equals(r.startMillis()));
    if (alive.isPresent()) {
      LOG.info("Task {}: re-attached to its process {}", spec.key(), r.pid().getAsLong());
      Optional<Cgroups.Group> group = cgroups.enabled() ? Optional.of(cgroups.existing(name(spec))) : Optional.empty();
      return CompletableFuture.completedFuture(ProcessContainer.adopted(alive.get(), launcher.usesProcessGroups(),
          launcher.usesProcessGroups() && group.isEmpty(), watcher, release(group)));
    }
    LOG.info("Task {}: its process {} ended while the agent was down", spec.key(), r.pid().getAsLong());
    if (cgroups.enabled()) {  // whatever the task left behind in its group goes too
      Cgroups.Group g = cgroups.existing(name(spec));
      cgroups.killAll(g);
      cgroups.remove(g);
    }
    return CompletableFuture.completedFuture(new EndedContainer(r, new ContainerExit(OptionalInt.empty(), false,
        "the process ended while the agent was down; its exit code is unknowable (it was no longer the agent's"
            + " child)")));
  }
}
