package dev.drover.agent.task;

import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.model.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the master asked this agent to run, in domain terms. {@code docker} is present for a Docker task and
 * empty for a plain process; {@code healthChecks} are what the agent checks while it runs (healthy when all pass).
 */
public record TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
    Optional<Duration> killGracePeriod, Optional<DockerSpec> docker, List<HealthCheckSpec> healthChecks) {
  public TaskSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(killGracePeriod, "killGracePeriod");
    Objects.requireNonNull(docker, "docker");
    healthChecks = List.copyOf(healthChecks);
  }

  /** A task with at most one health check. */
  public TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
      Optional<Duration> killGracePeriod, Optional<DockerSpec> docker, Optional<HealthCheckSpec> healthCheck) {
    this(key, name, resources, command, killGracePeriod, docker, healthCheck.stream().toList());
  }

  /** The first health check, if any. */
  public Optional<HealthCheckSpec> healthCheck() {
    return healthChecks.stream().findFirst();
  }

  /** A task without a health check. */
  public TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
      Optional<Duration> killGracePeriod, Optional<DockerSpec> docker) {
    this(key, name, resources, command, killGracePeriod, docker, List.of());
  }

  /** A process task. */
  public TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
      Optional<Duration> killGracePeriod) {
    this(key, name, resources, command, killGracePeriod, Optional.empty(), List.of());
  }
}
