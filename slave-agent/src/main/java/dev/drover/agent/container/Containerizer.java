package dev.drover.agent.container;

import dev.drover.agent.task.TaskSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs tasks in some kind of container: a plain process group or a Docker container. {@link #launch} is called on
 * the agent loop and must not block it; slow work (pulling, creating, starting) happens on the containerizer's own
 * threads. The returned future completes with the running {@link Container}, or exceptionally with a
 * {@link LaunchException} saying why the task cannot run. Implementations are thread-safe.
 */
public interface Containerizer extends AutoCloseable {
  /** Short name for logs and state: {@code process} or {@code docker}. */
  String name();

  /**
   * Starts {@code spec} with {@code sandbox} as its working directory (for Docker: mounted at the same path) and
   * {@code environment} added to its own; stdout and stderr go to the sandbox files of those names as they come.
   */
  CompletableFuture<Container> launch(TaskSpec spec, Path sandbox, Map<String, String> environment);

  /**
   * Finds the container of a task that an earlier run of this agent started, described by its checkpointed
   * {@code runtime} (which may be empty if the agent died before writing it). The result is never exceptional: a
   * container that ended or vanished while the agent was down comes back with its {@link Container#exit} already
   * complete, saying what is known.
   */
  CompletableFuture<Container> recover(TaskSpec spec, java.util.Optional<ContainerRuntime> runtime, Path sandbox);

  @Override
  default void close() {}
}
