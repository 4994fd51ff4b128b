package dev.drover.agent.task;

import dev.drover.model.Resources;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A task the master asked this agent to run, in domain terms. */
public record TaskSpec(TaskKey key, String name, Resources resources, CommandSpec command,
    Optional<Duration> killGracePeriod) {
  public TaskSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(killGracePeriod, "killGracePeriod");
  }
}
