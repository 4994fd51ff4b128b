package dev.drover.sdk.rpc;

import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.HealthCheck;
import dev.drover.proto.v1.KillPolicy;
import dev.drover.proto.v1.Label;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.sdk.Command;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Converts tasks, statuses and offers between the SDK's records and the wire types. Internal to the SDK. */
public final class TaskProtos {
  private static final HexFormat HEX = HexFormat.of();

  private TaskProtos() {}

  /** The wire form of {@code spec}, to run on {@code agentId}. */
  public static TaskInfo toProto(TaskSpec spec, String agentId) {
    TaskInfo.Builder b = TaskInfo.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(spec.taskId()))
        .setName(spec.name())
        .setAgentId(AgentID.newBuilder().setValue(agentId))
        .addAllResources(ProtoResources.toProto(spec.resources()));
    CommandInfo.Builder cmd = toProto(spec.command()).toBuilder();
    java.util.Set<String> secret = spec.secretEnvNames();
    spec.env().forEach((k, v) -> cmd.addEnvironment(
        CommandInfo.EnvironmentVariable.newBuilder().setName(k).setValue(v).setSecret(secret.contains(k))));
    spec.user().ifPresent(cmd::setUser);
    b.setCommand(cmd);
    spec.healthCheck().ifPresent(h -> b.setHealthCheck(toProto(h)));
    if (spec.healthChecks().size() > 1) {
      spec.healthChecks().forEach(h -> b.addHealthChecks(toProto(h)));
    }
    spec.docker().ifPresent(d -> b.setContainer(toProto(d)));
    spec.killGracePeriod().ifPresent(g ->
        b.setKillPolicy(KillPolicy.newBuilder().setGracePeriodSeconds(g.toMillis() / 1000.0)));
    spec.labels().forEach((k, v) -> b.addLabels(Label.newBuilder().setKey(k).setValue(v)));
    return b.build();
  }

  private static HealthCheck toProto(dev.drover.sdk.HealthCheck h) {
    HealthCheck.Builder b = HealthCheck.newBuilder()
        .setType(HealthCheck.Type.valueOf(h.protocol().name()))
        .setPath(h.path())
        .setPort(h.port())
        .setPortIndex(h.portIndex())
        .setDelaySeconds(seconds(h.delay()))
        .setIntervalSeconds(seconds(h.interval()))
        .setTimeoutSeconds(seconds(h.timeout()))
        .setGracePeriodSeconds(seconds(h.gracePeriod()))
        .setConsecutiveFailures(h.maxConsecutiveFailures())
        .setScheme(h.https() ? "https" : "http");
    h.command().ifPresent(c -> b.setCommand(toProto(c)));
    return b.build();
  }

  private static CommandInfo toProto(Command command) {
    CommandInfo.Builder cmd = CommandInfo.newBuilder();
    if (command instanceof Command.Shell s) {
      cmd.setShell(true).setValue(s.command());
    } else if (command instanceof Command.Argv a) {
      cmd.setShell(false).setValue(a.argv().get(0)).addAllArguments(a.argv());
    }
    return cmd.build();
  }

  private static double seconds(java.time.Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static ContainerInfo toProto(DockerSpec d) {
    ContainerInfo.DockerInfo.Builder docker = ContainerInfo.DockerInfo.newBuilder()
        .setImage(d.image())
        .setNetwork(ContainerInfo.DockerInfo.Network.valueOf(d.network().name()))
        .setPrivileged(d.privileged())
        .setForcePull(d.forcePull());
    for (DockerSpec.PortMapping p : d.portMappings()) {
      docker.addPortMappings(ContainerInfo.DockerInfo.PortMapping.newBuilder()
          .setHostPort(p.hostPort()).setContainerPort(p.containerPort()).setProtocol(p.protocol()));
    }
    d.parameters().forEach((k, v) ->
        docker.addParameters(ContainerInfo.DockerInfo.Parameter.newBuilder().setKey(k).setValue(v)));
    return ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER).setDocker(docker).build();
  }

  /**
   * The domain form of a wire status.
   *
   * @throws IllegalArgumentException when the state is not recognised
   */
  public static TaskStatus toDomain(dev.drover.proto.v1.TaskStatus s) {
    double ts = s.getTimestamp();
    Instant timestamp = Instant.ofEpochSecond((long) Math.floor(ts), Math.round((ts - Math.floor(ts)) * 1e9));
    TaskStatus.Source source = switch (s.getSource()) {
      case SOURCE_AGENT -> TaskStatus.Source.AGENT;
      case SOURCE_EXECUTOR -> TaskStatus.Source.EXECUTOR;
      default -> TaskStatus.Source.MASTER;
    };
    return new TaskStatus(
        s.getTaskId().getValue(),
        ProtoResources.toDomain(s.getState()),
        s.getReason().name(),
        s.getMessage(),
        s.getAgentId().getValue(),
        s.getHasExitCode() ? OptionalInt.of(s.getExitCode()) : OptionalInt.empty(),
        s.getHasHealthy() ? Optional.of(s.getHealthy()) : Optional.empty(),
        timestamp,
        source,
        s.getContainerId(),
        HEX.formatHex(s.getUuid().toByteArray()));
  }

  /** The bytes of a status' hex uuid, for an acknowledgement. */
  public static byte[] uuidBytes(String hexUuid) {
    return HEX.parseHex(hexUuid);
  }

  /**
   * The domain form of a wire offer; attributes become text ({@code r1}, {@code 2.5}, {@code [1-3,7]}, {@code {a,b}}).
   *
   * @throws IllegalArgumentException when a resource is malformed
   */
  public static Offer toDomain(dev.drover.proto.v1.Offer o) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Attribute a : o.getAttributesList()) {
      attributes.put(a.getName(), attributeText(a));
    }
    Map<String, List<dev.drover.proto.v1.Resource>> byRole = new LinkedHashMap<>();
    for (dev.drover.proto.v1.Resource r : o.getResourcesList()) {
      String role = !r.getReservation().getRole().isEmpty() ? r.getReservation().getRole() : r.getRole();
      if (!role.isEmpty() && !role.equals(Offer.ANY_ROLE)) {
        byRole.computeIfAbsent(role, k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, dev.drover.model.Resources> reserved = new LinkedHashMap<>();
    byRole.forEach((role, rs) -> reserved.put(role, ProtoResources.toDomain(rs)));
    return new Offer(o.getId().getValue(), o.getAgentId().getValue(), o.getHostname(),
        ProtoResources.toDomain(o.getResourcesList()), attributes, reserved);
  }

  private static String attributeText(Attribute a) {
    return switch (a.getType()) {
      case SCALAR -> a.getScalar() == Math.rint(a.getScalar())
          ? Long.toString((long) a.getScalar()) : Double.toString(a.getScalar());
      case RANGES -> a.getRangesList().stream()
          .map(r -> r.getBegin() == r.getEnd() ? Long.toString(r.getBegin()) : r.getBegin() + "-" + r.getEnd())
          .collect(Collectors.joining(",", "[", "]"));
      case SET -> a.getSetList().stream().collect(Collectors.joining(",", "{", "}"));
      default -> a.getText();
    };
  }
}
