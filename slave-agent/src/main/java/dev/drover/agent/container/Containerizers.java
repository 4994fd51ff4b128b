package dev.drover.agent.container;

import dev.drover.agent.task.TaskSpec;
import java.util.Optional;

/** The agent's containerizers: always the process one, and the Docker one unless Docker is disabled. */
public record Containerizers(Containerizer process, Optional<Containerizer> docker) implements AutoCloseable {
  /** The containerizer for {@code spec}, or empty when it is a Docker task and Docker is disabled. */
  public Optional<Containerizer> forTask(TaskSpec spec) {
    return spec.docker().isPresent() ? docker : Optional.of(process);
  }

  @Override
  public void close() {
    process.close();
    docker.ifPresent(Containerizer::close);
  }
}
