package dev.drover.agent.rpc;

import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.agent.task.CommandSpec;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Converts health checks between the wire and the agent's domain; Mesos' defaults fill what is unset. */
final class HealthProtos {
  private HealthProtos() {}

  static HealthCheckSpec toDomain(HealthCheck h) {
    HealthCheckSpec.Type type = switch (h.getType()) {
      case HTTP -> HealthCheckSpec.Type.HTTP;
      case TCP -> HealthCheckSpec.Type.TCP;
      case COMMAND -> HealthCheckSpec.Type.COMMAND;
      default -> throw new IllegalArgumentException("health check has no type");
    };
    Optional<CommandSpec> command = Optional.empty();
    if (h.hasCommand()) {
      CommandInfo c = h.getCommand();
      Map<String, String> env = new LinkedHashMap<>();
      c.getEnvironmentList().forEach(v -> env.put(v.getName(), v.getValue()));
      command = Optional.of(new CommandSpec(c.getShell(), c.getValue(), c.getArgumentsList(), env, c.getUser()));
    }
    return new HealthCheckSpec(type, h.getPath(), h.getPort(), h.getPortIndex(), h.getScheme(), command,
        seconds(h.getDelaySeconds(), 15), seconds(h.getIntervalSeconds(), 10), seconds(h.getTimeoutSeconds(), 20),
        h.getConsecutiveFailures() == 0 ? 3 : h.getConsecutiveFailures(), seconds(h.getGracePeriodSeconds(), 10));
  }

  static HealthCheck toProto(HealthCheckSpec h) {
    HealthCheck.Builder b = HealthCheck.newBuilder().setType(HealthCheck.Type.valueOf(h.type().name()))
        .setPath(h.path()).setPort(h.port()).setPortIndex(h.portIndex()).setScheme(h.scheme())
        .setDelaySeconds(secs(h.delay())).setIntervalSeconds(secs(h.interval()))
        .setTimeoutSeconds(secs(h.timeout())).setConsecutiveFailures(h.consecutiveFailures())
        .setGracePeriodSeconds(secs(h.gracePeriod()));
    h.command().ifPresent(c -> {
      CommandInfo.Builder cb = CommandInfo.newBuilder().setShell(c.shell()).setValue(c.value())
          .addAllArguments(c.arguments()).setUser(c.user());
      c.environment().forEach((k, v) -> cb.addEnvironment(
          CommandInfo.EnvironmentVariable.newBuilder().setName(k).setValue(v)));
      b.setCommand(cb);
    });
    return b.build();
  }

  /** Unset (0) means the default; a delay or grace period may be set to a tiny positive value for none. */
  private static Duration seconds(double value, double dflt) {
    return Duration.ofMillis(Math.round((value > 0 ? value : dflt) * 1000));
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
