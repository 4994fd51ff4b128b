package dev.drover.agent.health;

import dev.drover.agent.task.CommandSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A health check the agent runs against one of its tasks. HTTP and TCP checks go to 127.0.0.1 on {@code port}
 * when it is non-zero, else on the task's port number {@code portIndex}; HTTP counts 2xx and 3xx as healthy.
 * COMMAND runs {@code command} next to the task (in its sandbox, or inside its container) and counts exit 0.
 *
 * <p>Checks start {@code delay} after the task runs and repeat every {@code interval}, each bounded by
 * {@code timeout}. Failures during {@code gracePeriod} (counted from the task's start) are ignored until the first
 * success; after that, {@code consecutiveFailures} failures in a row make the task unhealthy.
 */
public record HealthCheckSpec(Type type, String path, int port, int portIndex, String scheme,
    Optional<CommandSpec> command, Duration delay, Duration interval, Duration timeout, int consecutiveFailures,
    Duration gracePeriod) {
  public enum Type { HTTP, TCP, COMMAND }

  public HealthCheckSpec {
    Objects.requireNonNull(type, "type");
    path = path == null || path.isEmpty() ? "/" : path;
    scheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
    Objects.requireNonNull(command, "command");
    if (type == Type.COMMAND && command.isEmpty()) {
      throw new IllegalArgumentException("a COMMAND health check needs a command");
    }
    if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("health check interval and timeout must be positive");
    }
    consecutiveFailures = Math.max(1, consecutiveFailures);
  }
}
