package dev.drover.apps.model;

import dev.drover.sdk.Command;
import dev.drover.sdk.HealthCheck;
import java.time.Duration;
import java.util.Optional;

/**
 * One health check in Marathon's JSON. Protocols HTTP (default), HTTPS, TCP, COMMAND and the MESOS_HTTP,
 * MESOS_HTTPS, MESOS_TCP variants; all run on the agent in Drover, so a MESOS_ variant means the same as its plain
 * twin. Defaults: path "/", portIndex 0 (when no port is given), gracePeriodSeconds 300, intervalSeconds 60,
 * timeoutSeconds 20, maxConsecutiveFailures 3, delaySeconds 15.
 */
public record HealthCheckDefinition(Protocol protocol, String path, Integer portIndex, Integer port,
    CommandCheck command, Integer gracePeriodSeconds, Integer intervalSeconds, Integer timeoutSeconds,
    Integer maxConsecutiveFailures, Integer delaySeconds, Boolean ignoreHttp1xx) {

  /** Marathon's health check protocols. */
  public enum Protocol { HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP }

  public HealthCheckDefinition {
    protocol = protocol == null ? Protocol.HTTP : protocol;
    boolean http = protocol == Protocol.HTTP || protocol == Protocol.HTTPS
        || protocol == Protocol.MESOS_HTTP || protocol == Protocol.MESOS_HTTPS;
    path = http && path == null ? "/" : path;
    portIndex = portIndex == null && port == null && protocol != Protocol.COMMAND ? Integer.valueOf(0) : portIndex;
    gracePeriodSeconds = gracePeriodSeconds == null ? 300 : gracePeriodSeconds;
    intervalSeconds = intervalSeconds == null ? 60 : intervalSeconds;
    timeoutSeconds = timeoutSeconds == null ? 20 : timeoutSeconds;
    maxConsecutiveFailures = maxConsecutiveFailures == null ? 3 : maxConsecutiveFailures;
    delaySeconds = delaySeconds == null ? 15 : delaySeconds;
    ignoreHttp1xx = ignoreHttp1xx != null && ignoreHttp1xx;
  }

  /** This check as the SDK's task health check (run by the agent). */
  public HealthCheck toSdk() {
    HealthCheck.Protocol p = switch (protocol) {
      case HTTP, HTTPS, MESOS_HTTP, MESOS_HTTPS -> HealthCheck.Protocol.HTTP;
      case TCP, MESOS_TCP -> HealthCheck.Protocol.TCP;
      case COMMAND -> HealthCheck.Protocol.COMMAND;
    };
    boolean https = protocol == Protocol.HTTPS || protocol == Protocol.MESOS_HTTPS;
    Optional<Command> cmd = command == null ? Optional.empty() : Optional.of(Command.shell(command.value()));
    return new HealthCheck(p, path, port == null ? 0 : port, portIndex == null ? 0 : portIndex, cmd,
        Duration.ofSeconds(gracePeriodSeconds), Duration.ofSeconds(intervalSeconds),
        Duration.ofSeconds(timeoutSeconds), maxConsecutiveFailures, Duration.ofSeconds(delaySeconds), https);
  }
}
