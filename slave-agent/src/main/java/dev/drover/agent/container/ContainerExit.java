package dev.drover.agent.container;

import java.util.OptionalInt;

/**
 * How a container ended. {@code exitCode} is empty when it is unknowable (a process that was not the agent's child
 * when it died); {@code oomKilled} when the kernel's OOM killer ended it for exceeding its memory limit.
 */
public record ContainerExit(OptionalInt exitCode, boolean oomKilled, String detail) {
  public ContainerExit {
    detail = detail == null ? "" : detail;
  }

  public static ContainerExit code(int code) {
    return new ContainerExit(OptionalInt.of(code), false, "");
  }
}
