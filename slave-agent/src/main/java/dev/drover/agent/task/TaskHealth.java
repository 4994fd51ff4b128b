package dev.drover.agent.task;

import dev.drover.agent.LoopScheduler;
import dev.drover.agent.container.docker.DockerPorts;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.container.Container;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.agent.health.HealthChecker;
import dev.drover.agent.health.HealthProbes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts the health checker of a running task on a small shared pool of daemon threads. HTTP and TCP checks reach
 * the task on 127.0.0.1 (its port number, or its {@code portIndex}-th host port); COMMAND checks run inside a
 * Docker container, or for a process next to it in its sandbox with its environment.
 */
final class TaskHealth {
  private final Clock clock;
  private final LoopScheduler pool = new LoopScheduler("health", 2);

  TaskHealth(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts every check of {@code spec}; {@code onChange} receives each change of the task's health (healthy when all
   * checks pass) on a health thread.
   */
  HealthChecker start(TaskSpec spec, Container container, Path sandbox, Map<String, String> env,
      Consumer<Boolean> onChange) {
    List<HealthChecker.Check> checks = spec.healthChecks().stream()
        .map(check -> new HealthChecker.Check(check, probe(spec, check, container, sandbox, env))).toList();
    return new HealthChecker(spec.key().toString(), checks, clock, clock.instant(), onChange).start(pool);
  }

  private static BooleanSupplier probe(TaskSpec spec, HealthCheckSpec check, Container container, Path sandbox,
      Map<String, String> env) {
    return switch (check.type()) {
      case HTTP -> () -> HealthProbes.http(check.scheme(), port(spec, check), check.path(), check.timeout());
      case TCP -> () -> HealthProbes.tcp(port(spec, check), check.timeout());
      case COMMAND -> {
        List<String> argv = check.command().orElseThrow().argv();
        yield () -> container.execInside(argv, check.timeout())
            .orElseGet(() -> HealthProbes.command(argv, sandbox, env, check.timeout()));
      }
    };
  }

  /**
   * The host port to probe. A port number on a BRIDGE container is the container's port (as in Mesos, where the
   * check runs in the container's network), so it is probed on the host port mapped to it: the mapping's own, or the
   * one {@link DockerPorts} chose from the task's ports when the mapping asked for any (host port 0).
   */
  static int port(TaskSpec spec, HealthCheckSpec check) {
    if (check.port() > 0) {
      Optional<DockerSpec> bridge = spec.docker().filter(d -> d.network() == DockerSpec.Network.BRIDGE);
      if (bridge.isPresent()) {
        OptionalInt mapped = DockerPorts.hostPortOf(bridge.get(), spec.resources(), check.port());
        if (mapped.isPresent()) {
          return mapped.getAsInt();
        }
      }
      return check.port();
    }
    List<Long> ports = TaskEnvironment.ports(spec);
    return check.portIndex() >= 0 && check.portIndex() < ports.size() ? ports.get(check.portIndex()).intValue() : 0;
  }
}
