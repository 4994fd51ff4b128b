package dev.drover.agent.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.CommandInfo;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.KillPolicy;
import dev.drover.proto.v1.Reason;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentProtosTest {
  private static TaskInfo.Builder task() {
    return TaskInfo.newBuilder().setName("web").setTaskId(TaskID.newBuilder().setValue("t"))
        .addAllResources(ProtoResources.toProto(Resources.parse("cpus:1;mem:64")))
        .setCommand(CommandInfo.newBuilder().setValue("/bin/echo").addArguments("echo").addArguments("hi")
            .addEnvironment(CommandInfo.EnvironmentVariable.newBuilder().setName("A").setValue("1")));
  }

  @Test
  void convertsATaskInfoToASpec() {
    TaskSpec spec = AgentProtos.toSpec("fw", task()
        .setKillPolicy(KillPolicy.newBuilder().setGracePeriodSeconds(1.5)).build());
    assertEquals(new TaskKey("fw", "t"), spec.key());
    assertEquals(Resources.parse("cpus:1;mem:64"), spec.resources());
    assertEquals(List.of("/bin/echo", "hi"), spec.command().argv(), "arguments[0] is argv[0]");
    assertEquals(Map.of("A", "1"), spec.command().environment());
    assertEquals(Duration.ofMillis(1500), spec.killGracePeriod().orElseThrow());
    assertTrue(AgentProtos.toSpec("fw", task().clearKillPolicy().build()).killGracePeriod().isEmpty());
  }

  @Test
  void readsEveryHealthCheckAndFallsBackToTheSingleOne() {
    dev.drover.proto.v1.HealthCheck http = dev.drover.proto.v1.HealthCheck.newBuilder()
        .setType(dev.drover.proto.v1.HealthCheck.Type.HTTP).setPath("/a").build();
    dev.drover.proto.v1.HealthCheck tcp = dev.drover.proto.v1.HealthCheck.newBuilder()
        .setType(dev.drover.proto.v1.HealthCheck.Type.TCP).setPortIndex(1).build();
    TaskSpec both = AgentProtos.toSpec("fw", task().setHealthCheck(http).addHealthChecks(http).addHealthChecks(tcp)
        .build());
    assertEquals(List.of("HTTP", "TCP"), both.healthChecks().stream().map(h -> h.type().name()).toList());
    assertEquals(1, both.healthChecks().get(1).portIndex());
    TaskSpec one = AgentProtos.toSpec("fw", task().setHealthCheck(tcp).build());
    assertEquals(List.of("TCP"), one.healthChecks().stream().map(h -> h.type().name()).toList());
    assertTrue(AgentProtos.toSpec("fw", task().build()).healthChecks().isEmpty());
    assertEquals(both, AgentProtos.toSpec("fw", AgentProtos.toProto(both, "a1")), "checkpoints keep every check");
    assertEquals(one, AgentProtos.toSpec("fw", AgentProtos.toProto(one, "a1")));
  }

  @Test
  void refusesWhatThisAgentCannotRun() {
    assertThrows(IllegalArgumentException.class, () -> AgentProtos.toSpec("fw", task().setContainer(
        ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER)).build()));
    assertThrows(IllegalArgumentException.class, () -> AgentProtos.toSpec("fw", task().clearCommand().build()));
    assertThrows(IllegalArgumentException.class, () -> AgentProtos.toSpec("fw", task().clearTaskId().build()));
  }

  @Test
  void statusCarriesEverythingTheMasterNeeds() {
    StatusUpdate u = StatusUpdate.create(Clock.systemUTC(), "a1", new TaskKey("fw", "t"), TaskState.FAILED,
        TaskReason.COMMAND_EXECUTOR_FAILED, "exited with code 3", OptionalInt.of(3), "42");
    TaskStatus s = AgentProtos.toProto(u);
    assertEquals(dev.drover.proto.v1.TaskState.TASK_FAILED, s.getState());
    assertEquals(Reason.REASON_COMMAND_EXECUTOR_FAILED, s.getReason());
    assertEquals(TaskStatus.Source.SOURCE_AGENT, s.getSource());
    assertEquals(3, s.getExitCode());
    assertTrue(s.getHasExitCode());
    assertEquals("a1", s.getAgentId().getValue());
    assertEquals("fw", s.getFrameworkId().getValue());
    assertEquals("42", s.getContainerId());
    assertEquals(u.uuid(), AgentProtos.uuid(s.getUuid()).orElseThrow());
  }

  @Test
  void everyAgentReasonHasAWireTwin() {
    for (TaskReason r : TaskReason.values()) {
      assertEquals("REASON_" + r.name(), AgentProtos.toProto(r).name());
    }
    assertTrue(AgentProtos.uuid(AgentProtos.bytes(UUID.randomUUID()).substring(1)).isEmpty());
  }

  @Test
  void convertsDockerTasksAndRefusesWhatTheAgentCannotHonour() {
    ContainerInfo.DockerInfo.Builder docker = ContainerInfo.DockerInfo.newBuilder().setImage("local/busybox:latest")
        .setNetwork(ContainerInfo.DockerInfo.Network.BRIDGE).setForcePull(true)
        .addPortMappings(ContainerInfo.DockerInfo.PortMapping.newBuilder().setContainerPort(80));
    TaskSpec spec = AgentProtos.toSpec("fw", task().clearCommand().setContainer(ContainerInfo.newBuilder()
        .setType(ContainerInfo.Type.DOCKER).setDocker(docker)).build());
    assertEquals("local/busybox:latest", spec.docker().orElseThrow().image());
    assertTrue(spec.docker().orElseThrow().forcePull());
    assertEquals(80, spec.docker().orElseThrow().portMappings().get(0).containerPort());
    assertEquals("", spec.command().value(), "no command: the image's entrypoint");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentProtos.toSpec("fw",
        task().setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER).setDocker(docker.clone()
            .addParameters(ContainerInfo.DockerInfo.Parameter.newBuilder().setKey("ulimit").setValue("x"))))
            .build()));
    assertTrue(e.getMessage().contains("ulimit"), e.getMessage());
  }
}
