package dev.drover.agent.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.drover.agent.container.Container;
import dev.drover.agent.container.ContainerExit;
import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.container.EndedContainer;
import dev.drover.agent.container.ContainerOptions;
import dev.drover.agent.container.Containerizer;
import dev.drover.agent.container.LaunchException;
import dev.drover.agent.status.TaskReason;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Docker tasks through docker-java: makes sure the image is there (pulling it when asked to or when it is
 * missing), creates the container {@code drover-<task>} with the task's labels, limits, network and mounts, starts
 * it, follows its logs into the sandbox and waits for it to exit. All engine calls happen on this containerizer's
 * threads, never the caller's.
 */
public final class DockerContainerizer implements Containerizer {
  private static final Logger LOG = LoggerFactory.getLogger(DockerContainerizer.class);

  private final DockerClient client;
  private final ContainerOptions options;
  private final Supplier<String> agentId;
  private final ExecutorService threads;

  public DockerContainerizer(DockerClient client, ContainerOptions options, Supplier<String> agentId) {
    this.client = client;
    this.options = options;
    this.agentId = agentId;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "docker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return "docker";
  }

  public DockerClient client() {
    return client;
  }

  @Override
  public CompletableFuture<Container> launch(TaskSpec spec, Path sandbox, Map<String, String> environment) {
    DockerSpec docker = spec.docker().orElseThrow(() -> new IllegalArgumentException("not a Docker task"));
    DockerRequest request;
    try {
      request = DockerRequest.of(spec, docker, sandbox, environment, agentId.get(), options);
    } catch (LaunchException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return start(spec, docker, request, sandbox);
      } catch (LaunchException e) {
        throw new CompletionException(e);
      }
    }, threads);
  }

  private Container start(TaskSpec spec, DockerSpec docker, DockerRequest request, Path sandbox)
      throws LaunchException {
    try {
      Files.createDirectories(sandbox);
    } catch (IOException e) {
      throw LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED, "cannot create sandbox: " + e, e);
    }
    if (docker.forcePull()) {
      pull(docker.image(), true);
    }
    String id;
    try {
      id = create(request);
    } catch (NotFoundException missingImage) {
      // Creating first and pulling only on a 404 saves an inspect per launch when the image is there.
      pull(docker.image(), false);
      try {
        id = create(request);
      } catch (NotFoundException e) {
        throw LaunchException.failed(TaskReason.IMAGE_UNAVAILABLE, "image " + docker.image() + " is still missing"
            + " after a pull: " + e.getMessage(), e);
      }
    }
    DockerContainer container = new DockerContainer(client, id, threads);
    if (!options.allowRootTasks()) {
      refuseRoot(container, id, docker.image());
    }
    try {
      DockerLogs logs = new DockerLogs(id, sandbox);
      client.startContainerCmd(id).exec();
      client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs);
      container.follow(logs);
    } catch (DockerException | IOException e) {
      container.remove();
      throw LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED,
          "cannot start container " + request.name() + ": " + e.getMessage(), e);
    }
    LOG.info("Task {} running in container {} ({}) from {}", spec.key(), request.name(), shortId(id),
        docker.image());
    return container;
  }

  /**
   * Removes the created container and refuses the task when it would run as root: its user (the task's, or else the
   * image's) is empty, {@code root} or uid 0. Asked only on agents without {@code --allow-root-tasks}.
   */
  private void refuseRoot(DockerContainer container, String id, String image) throws LaunchException {
    String user;
    try {
      user = Optional.ofNullable(client.inspectContainerCmd(id).exec().getConfig().getUser()).orElse("");
    } catch (DockerException e) {
      container.remove();
      throw LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED, "cannot inspect container " + id + ": "
          + e.getMessage(), e);
    }
    String name = user.split(":", 2)[0];
    if (name.isEmpty() || name.equals("root") || name.equals("0")) {
      container.remove();
      throw LaunchException.refused("the container would run as root (" + (user.isEmpty() ? "image " + image
          + " names no user" : "user " + user) + ") and this agent does not allow root tasks (--allow-root-tasks);"
          + " give the task a user");
    }
  }

  /** @throws NotFoundException when the image is missing */
  private String create(DockerRequest request) throws LaunchException {
    try {
      CreateContainerCmd create = client.createContainerCmd(request.image())
          .withName(request.name())
          .withLabels(request.labels())
          .withEnv(request.env())
          .withWorkingDir(DockerRequest.SANDBOX)
          .withExposedPorts(request.exposedPorts())
          .withHostConfig(request.hostConfig());
      if (!request.user().isEmpty()) {
        create.withUser(request.user());
      }
      request.entrypoint().ifPresent(create::withEntrypoint);
      request.cmd().ifPresent(create::withCmd);
      return create.exec().getId();
    } catch (NotFoundException e) {
      throw e;
    } catch (DockerException | IllegalArgumentException e) {
      throw LaunchException.failed(TaskReason.CONTAINER_LAUNCH_FAILED,
          "cannot create container " + request.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finds the task's container by its labels (preferring the checkpointed id), re-attaches to its logs from when the
   * sandbox's log files were last written (see {@link DockerLogs#resumeSince}) and waits for it again; a container that exited meanwhile reports its exit code, one that is gone says so.
   */
  @Override
  public CompletableFuture<Container> recover(TaskSpec spec, Optional<ContainerRuntime> runtime, Path sandbox) {
    return CompletableFuture.supplyAsync(() -> {
      List<com.github.dockerjava.api.model.Container> found;
      try {
        found = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
            DockerLabels.TASK, spec.key().taskId(), DockerLabels.FRAMEWORK, spec.key().frameworkId())).exec();
      } catch (RuntimeException e) {
        return ended(spec, runtime, "the Docker engine could not be asked for the container: " + e.getMessage());
      }
      Optional<String> id = found.stream().map(com.github.dockerjava.api.model.Container::getId)
          .filter(c -> runtime.map(r -> r.containerId().equals(c)).orElse(true)).findFirst()
          .or(() -> found.stream().map(com.github.dockerjava.api.model.Container::getId).findFirst());
      if (id.isEmpty()) {
        return ended(spec, runtime, "its container is gone: it was removed while the agent was down");
      }
      DockerContainer container = new DockerContainer(client, id.get(), threads);
      try {
        // Resume from when the sandbox was last written, not from now: what the container printed while no agent
        // followed it still reaches the sandbox. Docker's "since" is in whole seconds, so up to a second of
        // output already in the sandbox may be written again; none is lost.
        int since = DockerLogs.resumeSince(sandbox);
        DockerLogs logs = new DockerLogs(id.get(), sandbox);
        client.logContainerCmd(id.get()).withStdOut(true).withStdErr(true).withFollowStream(true)
            .withSince(since).exec(logs);
        container.follow(logs);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Task {}: cannot follow the logs of container {}: {}", spec.key(), shortId(id.get()), e.toString());
        container.follow(null);
      }
      LOG.info("Task {}: re-attached to container {}", spec.key(), shortId(id.get()));
      return container;
    }, threads);
  }

  private Container ended(TaskSpec spec, Optional<ContainerRuntime> runtime, String why) {
    LOG.info("Task {}: {}", spec.key(), why);
    return new EndedContainer(runtime.orElse(new ContainerRuntime(name(), "", OptionalLong.empty(),
        OptionalLong.empty())), new ContainerExit(OptionalInt.empty(), false, why));
  }

  private void pull(String image, boolean forced) throws LaunchException {
    LOG.info("Pulling image {} ({})", image, forced ? "force_pull" : "it is not present");
    try {
      if (!client.pullImageCmd(image).exec(new PullImageResultCallback())
          .awaitCompletion(options.pullTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw LaunchException.failed(TaskReason.IMAGE_UNAVAILABLE, "pulling image " + image + (forced
            ? " (force_pull is set)" : "") + " took longer than "
            + options.pullTimeout().toSeconds() + " s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LaunchException.failed(TaskReason.IMAGE_UNAVAILABLE, "interrupted pulling image " + image, e);
    } catch (RuntimeException e) {
      throw LaunchException.failed(TaskReason.IMAGE_UNAVAILABLE, "image " + image + (forced
          ? " cannot be pulled (force_pull is set): " : " is not present and cannot be pulled: ") + e.getMessage(), e);
    }
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("Closing the docker client: {}", e.toString());
    }
  }
}
