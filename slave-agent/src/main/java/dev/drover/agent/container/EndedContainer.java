package dev.drover.agent.container;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A container found already gone on recovery: it has nothing left to signal and its exit is known. */
public record EndedContainer(ContainerRuntime runtime, ContainerExit ended) implements Container {
  @Override
  public String id() {
    return runtime.containerId();
  }

  @Override
  public OptionalLong pid() {
    return runtime.pid();
  }

  @Override
  public void terminate() {}

  @Override
  public void kill() {}

  @Override
  public CompletableFuture<ContainerExit> exit() {
    return CompletableFuture.completedFuture(ended);
  }
}
