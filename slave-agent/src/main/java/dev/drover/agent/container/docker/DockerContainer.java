package dev.drover.agent.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import dev.drover.agent.container.Container;
import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.container.ContainerRuntime;
import com.github.dockerjava.api.async.ResultCallback;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's Docker container. Once it exits, its state (exit code, OOM) is read, its logs are drained into the
 * sandbox and the container is removed; then {@link #exit} completes.
 */
final class DockerContainer implements Container {
  private static final Logger LOG = LoggerFactory.getLogger(DockerContainer.class);

  private final DockerClient client;
  private final String id;
  private final Executor threads;
  private final CompletableFuture<ContainerExit> exit = new CompletableFuture<>();
  private volatile long pid = -1;

  DockerContainer(DockerClient client, String id, Executor threads) {
    this.client = client;
    this.id = id;
    this.threads = threads;
  }

  /**
   * Starts waiting for the container's exit on a containerizer thread; {@code logs}, when followed, is drained
   * before the container is removed.
   */
  void follow(DockerLogs logs) {
    threads.execute(() -> {
      try {
        Long p = client.inspectContainerCmd(id).exec().getState().getPidLong();
        pid = p == null ? -1 : p;
      } catch (RuntimeException e) {
        LOG.debug("Cannot read the pid of container {}: {}", id, e.toString());
      }
      try {
        client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      } catch (RuntimeException e) {
        LOG.warn("Lost the wait on container {} ({}); reading its state", DockerContainerizer.shortId(id),
            e.toString());
      }
      exit.complete(finish(logs));
    });
  }

  private ContainerExit finish(DockerLogs logs) {
    ContainerExit result;
    try {
      InspectContainerResponse.ContainerState s = client.inspectContainerCmd(id).exec().getState();
      Long code = s.getExitCodeLong();
      boolean oom = Boolean.TRUE.equals(s.getOOMKilled());
      result = new ContainerExit(code == null ? OptionalInt.empty() : OptionalInt.of(code.intValue()), oom,
          s.getError() == null ? "" : s.getError());
    } catch (RuntimeException e) {  // DockerException, or the client closed with the agent
      result = new ContainerExit(OptionalInt.empty(), false, "container state unreadable: " + e.getMessage());
    }
    try {
      if (logs != null) {
        logs.awaitCompletion(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    remove();
    return result;
  }

  void remove() {
    try {
      client.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("Removing container {}: {}", id, e.toString());
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ContainerRuntime runtime() {
    return new ContainerRuntime("docker", id, pid(), OptionalLong.empty());
  }

  @Override
  public OptionalLong pid() {
    return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
  }

  @Override
  public void terminate() {
    signal("SIGTERM");
  }

  @Override
  public void kill() {
    signal("SIGKILL");
  }

  private void signal(String signal) {
    if (exit.isDone()) {
      return;
    }
    try {
      client.killContainerCmd(id).withSignal(signal).exec();
    } catch (RuntimeException e) {
      LOG.debug("{} to container {}: {}", signal, DockerContainerizer.shortId(id), e.getMessage());
    }
  }

  @Override
  public Optional<Boolean> execInside(List<String> argv, Duration timeout) {
    try {
      String exec = client.execCreateCmd(id).withCmd(argv.toArray(String[]::new)).withAttachStdout(false)
          .withAttachStderr(false).exec().getId();
      long deadline = System.nanoTime() + timeout.toNanos();
      client.execStartCmd(exec).exec(new ResultCallback.Adapter<>())
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      while (true) {  // the start call may return before the command has finished
        InspectExecResponse r = client.inspectExecCmd(exec).exec();
        if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
          return Optional.of(r.getExitCodeLong() == 0);
        }
        if (System.nanoTime() > deadline) {
          return Optional.of(false);
        }
        Thread.sleep(20);
      }
    } catch (RuntimeException e) {
      return Optional.of(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(false);
    }
  }

  @Override
  public void destroy() {
    remove();
  }

  @Override
  public CompletableFuture<ContainerExit> exit() {
    return exit;
  }
}
