package dev.drover.agent.rpc;

import com.google.protobuf.ByteString;
import dev.drover.agent.container.docker.DockerSpec;
import dev.drover.agent.health.HealthCheckSpec;
import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.CommandSpec;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.KillPolicy;
import dev.drover.proto.v1.Reason;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Converts between the agent's domain types and the {@code drover.v1} wire types. The only class that knows both. */
public final class AgentProtos {
  private AgentProtos() {}

  /**
   * The task to run, in domain terms.
   *
   * @throws IllegalArgumentException saying what is wrong with the description (no id, no command, a container
   *     type this agent cannot run, malformed resources)
   */
  public static TaskSpec toSpec(String frameworkId, TaskInfo info) {
    if (info.getTaskId().getValue().isEmpty()) {
      throw new IllegalArgumentException("task has no id");
    }
    Optional<DockerSpec> docker = Optional.empty();
    if (info.hasContainer() && info.getContainer().getType() == ContainerInfo.Type.DOCKER) {
      docker = Optional.of(toDocker(info.getContainer()));
    } else if (info.hasContainer() && info.getContainer().getType() != ContainerInfo.Type.PROCESS) {
      throw new IllegalArgumentException(info.getContainer().getType() + " containers are not supported");
    }
    CommandInfo c = info.getCommand();
    boolean noCommand = !info.hasCommand() || (c.getValue().isEmpty() && c.getArgumentsCount() == 0);
    if (noCommand && docker.isEmpty()) {
      throw new IllegalArgumentException("task has no command");
    }
    if (c.getShell() && c.getValue().isEmpty()) {
      throw new IllegalArgumentException("shell command is empty");
    }
    Map<String, String> env = new LinkedHashMap<>();
    c.getEnvironmentList().forEach(v -> env.put(v.getName(), v.getValue()));
    return new TaskSpec(new TaskKey(frameworkId, info.getTaskId().getValue()), info.getName(),
        ProtoResources.toDomain(info.getResourcesList()),
        new CommandSpec(c.getShell(), c.getValue(), c.getArgumentsList(), env, c.getUser()),
        info.hasKillPolicy() ? Optional.of(grace(info.getKillPolicy())) : Optional.empty(), docker,
        healthChecks(info));
  }

  /** Every check of the task: {@code health_checks} when given, else the single {@code health_check}. */
  static List<HealthCheckSpec> healthChecks(TaskInfo info) {
    if (info.getHealthChecksCount() > 0) {
      return info.getHealthChecksList().stream().map(HealthProtos::toDomain).toList();
    }
    return info.hasHealthCheck() ? List.of(HealthProtos.toDomain(info.getHealthCheck())) : List.of();
  }

  static DockerSpec toDocker(ContainerInfo container) {
    ContainerInfo.DockerInfo d = container.getDocker();
    if (d.getImage().isEmpty()) {
      throw new IllegalArgumentException("Docker task has no image");
    }
    if (d.getParametersCount() > 0) {
      throw new IllegalArgumentException("docker parameters are not supported by this agent: "
          + d.getParametersList().stream().map(ContainerInfo.DockerInfo.Parameter::getKey).toList());
    }
    DockerSpec.Network network = switch (d.getNetwork()) {
      case HOST -> DockerSpec.Network.HOST;
      case NONE -> DockerSpec.Network.NONE;
      default -> DockerSpec.Network.BRIDGE;
    };
    return new DockerSpec(d.getImage(), network,
        d.getPortMappingsList().stream().map(m -> new DockerSpec.PortMapping(m.getHostPort(), m.getContainerPort(),
            m.getProtocol())).toList(),
        d.getPrivileged(), d.getForcePull(),
        container.getVolumesList().stream().map(v -> new DockerSpec.Volume(v.getHostPath(), v.getContainerPath(),
            v.getReadOnly())).toList());
  }

  /** A minimal wire form of {@code spec}, for tasks whose original {@link TaskInfo} is not at hand. */
  public static TaskInfo toProto(TaskSpec spec, String agentId) {
    CommandSpec cmd = spec.command();
    CommandInfo.Builder c = CommandInfo.newBuilder().setShell(cmd.shell()).setValue(cmd.value())
        .addAllArguments(cmd.arguments());
    cmd.environment().forEach((k, v) -> c.addEnvironment(
        CommandInfo.EnvironmentVariable.newBuilder().setName(k).setValue(v)));
    TaskInfo.Builder b = TaskInfo.newBuilder().setName(spec.name())
        .setTaskId(TaskID.newBuilder().setValue(spec.key().taskId()))
        .setAgentId(AgentID.newBuilder().setValue(agentId))
        .addAllResources(ProtoResources.toProto(spec.resources()))
        .setCommand(c.setShell(cmd.shell()).setUser(cmd.user()));
    spec.docker().ifPresent(d -> b.setContainer(toProto(d)));
    spec.healthCheck().ifPresent(h -> b.setHealthCheck(HealthProtos.toProto(h)));
    if (spec.healthChecks().size() > 1) {
      spec.healthChecks().forEach(h -> b.addHealthChecks(HealthProtos.toProto(h)));
    }
    spec.killGracePeriod().ifPresent(g -> b.setKillPolicy(
        KillPolicy.newBuilder().setGracePeriodSeconds(g.toMillis() / 1000.0)));
    return b.build();
  }

  static ContainerInfo toProto(DockerSpec d) {
    ContainerInfo.DockerInfo.Builder docker = ContainerInfo.DockerInfo.newBuilder().setImage(d.image())
        .setNetwork(ContainerInfo.DockerInfo.Network.valueOf(d.network().name()))
        .setPrivileged(d.privileged()).setForcePull(d.forcePull());
    d.portMappings().forEach(m -> docker.addPortMappings(ContainerInfo.DockerInfo.PortMapping.newBuilder()
        .setHostPort(m.hostPort()).setContainerPort(m.containerPort()).setProtocol(m.protocol())));
    ContainerInfo.Builder c = ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER).setDocker(docker);
    d.volumes().forEach(v -> c.addVolumes(ContainerInfo.Volume.newBuilder().setHostPath(v.hostPath())
        .setContainerPath(v.containerPath()).setReadOnly(v.readOnly())));
    return c.build();
  }

  public static Duration grace(KillPolicy policy) {
    return Duration.ofMillis(Math.max(0, Math.round(policy.getGracePeriodSeconds() * 1000)));
  }

  public static TaskStatus toProto(StatusUpdate u) {
    TaskStatus.Builder b = TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(u.key().taskId()))
        .setState(ProtoResources.toProto(u.state()))
        .setReason(toProto(u.reason()))
        .setMessage(u.message())
        .setSource(TaskStatus.Source.SOURCE_AGENT)
        .setUuid(bytes(u.uuid()))
        .setTimestamp(u.timestamp().toEpochMilli() / 1000.0)
        .setAgentId(AgentID.newBuilder().setValue(u.agentId()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(u.key().frameworkId()))
        .setContainerId(u.containerId());
    u.exitCode().ifPresent(code -> b.setExitCode(code).setHasExitCode(true));
    u.healthy().ifPresent(h -> b.setHealthy(h).setHasHealthy(true));
    return b.build();
  }

  public static AgentMessage statusMessage(StatusUpdate u) {
    return AgentMessage.newBuilder().setType(AgentMessage.Type.STATUS_UPDATE)
        .setStatusUpdate(AgentMessage.StatusUpdate.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(u.key().frameworkId()))
            .setStatus(toProto(u)))
        .build();
  }

  public static Reason toProto(TaskReason reason) {
    return Reason.valueOf("REASON_" + reason.name());
  }

  public static List<Attribute> toProto(List<AgentAttribute> attributes) {
    return attributes.stream().map(a -> a.isScalar()
        ? Attribute.newBuilder().setName(a.name()).setType(Attribute.Type.SCALAR).setScalar(a.scalar()).build()
        : Attribute.newBuilder().setName(a.name()).setType(Attribute.Type.TEXT).setText(a.text()).build())
        .toList();
  }

  public static ByteString bytes(UUID uuid) {
    return ByteString.copyFrom(ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
  }

  /** The uuid in an acknowledgement; empty when it is not 16 bytes. */
  public static Optional<UUID> uuid(ByteString bytes) {
    if (bytes.size() != 16) {
      return Optional.empty();
    }
    ByteBuffer b = bytes.asReadOnlyByteBuffer();
    return Optional.of(new UUID(b.getLong(), b.getLong()));
  }
}
