package dev.drover.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A check the agent runs against a task ({@link TaskSpec#healthCheck}); its results arrive as
 * {@link TaskStatus#healthy()} in status updates. Immutable and thread-safe.
 *
 * <p>HTTP and TCP checks address a port either by number ({@code port}, for a Docker task in BRIDGE mode the
 * container port, which the agent maps to its host port) or by index into the task's ports resource ({@code
 * portIndex}, used when {@code port} is 0). A task is reported unhealthy after {@code maxConsecutiveFailures} failed
 * checks in a row once the grace period has passed; failures within the grace period are ignored until the first
 * success.
 *
 * @param protocol what to check
 * @param path HTTP: the path requested (a 2xx or 3xx answer passes); ignored otherwise
 * @param port HTTP/TCP: the port number, or 0 to use {@code portIndex}
 * @param portIndex HTTP/TCP: index into the task's ports when {@code port} is 0
 * @param command COMMAND: the command run in the task's environment (exit 0 passes)
 * @param gracePeriod how long after the task starts failures do not count
 * @param interval time between checks
 * @param timeout how long one check may take before it counts as failed
 * @param maxConsecutiveFailures failures in a row that make the task unhealthy
 * @param delay time before the first check
 * @param https HTTP: use https instead of http
 */
public record HealthCheck(Protocol protocol, String path, int port, int portIndex, Optional<Command> command,
    Duration gracePeriod, Duration interval, Duration timeout, int maxConsecutiveFailures, Duration delay,
    boolean https) {

  /** The kinds of check the agent runs. */
  public enum Protocol { HTTP, TCP, COMMAND }

  public HealthCheck {
    Objects.requireNonNull(protocol, "protocol");
    path = path == null || path.isEmpty() ? "/" : path;
    command = command == null ? Optional.empty() : command;
    gracePeriod = gracePeriod == null ? Duration.ofSeconds(300) : gracePeriod;
    interval = interval == null ? Duration.ofSeconds(60) : interval;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    delay = delay == null ? Duration.ofSeconds(15) : delay;
    if (protocol == Protocol.COMMAND && command.isEmpty()) {
      throw new IllegalArgumentException("a COMMAND health check needs a command");
    }
    if (port < 0 || portIndex < 0 || maxConsecutiveFailures < 0) {
      throw new IllegalArgumentException("port, portIndex and maxConsecutiveFailures must not be negative");
    }
  }

  /** An HTTP check of {@code path} on the task's port at {@code portIndex}, with Marathon's default timings. */
  public static HealthCheck http(String path, int portIndex) {
    return new HealthCheck(Protocol.HTTP, path, 0, portIndex, Optional.empty(), null, null, null, 3, null, false);
  }

  /** A TCP connect check on the task's port at {@code portIndex}, with Marathon's default timings. */
  public static HealthCheck tcp(int portIndex) {
    return new HealthCheck(Protocol.TCP, "/", 0, portIndex, Optional.empty(), null, null, null, 3, null, false);
  }

  /** A check that runs {@code command}, with Marathon's default timings. */
  public static HealthCheck command(Command command) {
    return new HealthCheck(Protocol.COMMAND, "/", 0, 0, Optional.of(command), null, null, null, 3, null, false);
  }

  /** This check with other timings. */
  public HealthCheck withTimings(Duration gracePeriod, Duration interval, Duration timeout, int maxConsecutiveFailures,
      Duration delay) {
    return new HealthCheck(protocol, path, port, portIndex, command, gracePeriod, interval, timeout,
        maxConsecutiveFailures, delay, https);
  }
}
