package dev.drover.agent.task;

import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.model.Resources;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the master asked this agent to run, in domain terms. {@code docker} is present for a Docker task and
 * empty for a plain process; {@code healthCheck} is what the agent checks while it runs.
 */
public record TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
    Optional<Duration> killGracePeriod, Optional<DockerSpec> docker, Optional<HealthCheckSpec> healthCheck) {
  public TaskSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(killGracePeriod, "killGracePeriod");
    Objects.requireNonNull(docker, "docker");
    Objects.requireNonNull(healthCheck, "healthCheck");
  }

  /** A task without a health check. */
  public TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
      Optional<Duration> killGracePeriod, Optional<DockerSpec> docker) {
    this(key, name, resources, command, killGracePeriod, docker, Optional.empty());
  }

  /** A process task. */
  public TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
      Optional<Duration> killGracePeriod) {
    this(key, name, resources, command, killGracePeriod, Optional.empty(), Optional.empty());
  }
}
