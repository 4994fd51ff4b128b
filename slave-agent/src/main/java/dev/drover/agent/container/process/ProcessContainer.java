package dev.drover.agent.container.process;

import dev.drover.agent.container.Container;
import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.task.ProcessGroups;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A task's process: either the agent's own child (its exit code is known) or one found again after an agent
 * restart (it is no longer the agent's child, so its exit code is not). When it leads its own process group,
 * signals go to the whole group and whatever it leaves behind in the group is killed when it exits.
 */
final class ProcessContainer implements Container {
  static final String UNKNOWN_EXIT = "the process ended after an agent restart; its exit code is unknowable (it was"
      + " no longer the agent's child)";

  private final ProcessHandle handle;
  private final boolean group;
  private final ContainerRuntime runtime;
  private final CompletableFuture<ContainerExit> exit;

  private ProcessContainer(ProcessHandle handle, boolean group, boolean killGroupOnExit,
      CompletableFuture<ContainerExit> exited, UnaryOperator<ContainerExit> after) {
    this.handle = handle;
    this.group = group;
    this.runtime = new ContainerRuntime("process", Long.toString(handle.pid()), OptionalLong.of(handle.pid()),
        startMillis(handle));
    this.exit = exited.thenApply(e -> {
      if (killGroupOnExit) {
        ProcessGroups.kill(handle.pid(), true);
      }
      return after.apply(e);
    });
  }

  /**
   * The agent's child. {@code group}: it leads its process group (signals go to the group). {@code killGroupOnExit}:
   * SIGKILL the group when the leader exits (not needed when {@code after} kills what is left in the task's
   * cgroup). {@code after} sees the exit then (to read and release the cgroup).
   */
  static ProcessContainer child(Process process, boolean group, boolean killGroupOnExit,
      UnaryOperator<ContainerExit> after) {
    return new ProcessContainer(process.toHandle(), group, killGroupOnExit,
        process.onExit().thenApply(p -> ContainerExit.code(p.exitValue())), after);
  }

  /** A process found again after a restart; {@code watcher} polls it, as a zombie never "exits" for the JDK. */
  static ProcessContainer adopted(ProcessHandle handle, boolean group, boolean killGroupOnExit,
      ScheduledExecutorService watcher, UnaryOperator<ContainerExit> after) {
    CompletableFuture<ContainerExit> ended = new CompletableFuture<>();
    ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
    poll[0] = watcher.scheduleWithFixedDelay(() -> {
      if (!ProcStat.running(handle)) {
        ended.complete(new ContainerExit(OptionalInt.empty(), false, UNKNOWN_EXIT));
        poll[0].cancel(false);
      }
    }, 0, 200, TimeUnit.MILLISECONDS);
    return new ProcessContainer(handle, group, killGroupOnExit, ended, after);
  }

  static OptionalLong startMillis(ProcessHandle h) {
    return h.info().startInstant().map(i -> OptionalLong.of(i.toEpochMilli())).orElse(OptionalLong.empty());
  }

  @Override
  public String id() {
    return runtime.containerId();
  }

  @Override
  public OptionalLong pid() {
    return runtime.pid();
  }

  @Override
  public ContainerRuntime runtime() {
    return runtime;
  }

  @Override
  public void terminate() {
    ProcessGroups.terminate(handle.pid(), group);
  }

  @Override
  public void kill() {
    ProcessGroups.kill(handle.pid(), group);
  }

  @Override
  public CompletableFuture<ContainerExit> exit() {
    return exit;
  }
}
