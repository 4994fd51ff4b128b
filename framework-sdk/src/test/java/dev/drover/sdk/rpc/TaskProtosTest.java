package dev.drover.sdk.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.Attribute;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Range;
import dev.drover.proto.v1.Reason;
import dev.drover.proto.v1.Resource;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskProtosTest {

  @Test
  void shellTaskBecomesAShellCommandOnTheGivenAgent() {
    Resources r = Resources.parse("cpus:0.5;mem:64;ports:[31000-31001]");
    TaskInfo info = TaskProtos.toProto(TaskSpec.builder("t-1").name("web").resources(r).shell("echo $A")
        .env("A", "b").killGracePeriod(Duration.ofMillis(1500)).label("k", "v").build(), "agent-7");
    assertEquals("t-1", info.getTaskId().getValue());
    assertEquals("web", info.getName());
    assertEquals("agent-7", info.getAgentId().getValue());
    assertTrue(info.getCommand().getShell());
    assertEquals("echo $A", info.getCommand().getValue());
    assertEquals("b", info.getCommand().getEnvironment(0).getValue());
    assertEquals(1.5, info.getKillPolicy().getGracePeriodSeconds());
    assertEquals("v", info.getLabels(0).getValue());
    assertEquals(r, ProtoResources.toDomain(info.getResourcesList()));
    assertFalse(info.hasContainer());
  }

  @Test
  void healthCheckAndUserReachTheWire() {
    TaskInfo info = TaskProtos.toProto(TaskSpec.builder("t-1").shell("true").user("nobody")
        .healthCheck(HealthCheck.http("/health", 1).withTimings(Duration.ofSeconds(5), Duration.ofMillis(500),
            Duration.ofSeconds(2), 2, Duration.ZERO)).build(), "a");
    assertEquals("nobody", info.getCommand().getUser());
    dev.drover.proto.v1.HealthCheck h = info.getHealthCheck();
    assertEquals(dev.drover.proto.v1.HealthCheck.Type.HTTP, h.getType());
    assertEquals("/health", h.getPath());
    assertEquals(1, h.getPortIndex());
    assertEquals(5.0, h.getGracePeriodSeconds());
    assertEquals(0.5, h.getIntervalSeconds());
    assertEquals(2, h.getConsecutiveFailures());
    TaskInfo cmd = TaskProtos.toProto(TaskSpec.builder("t-2").shell("true")
        .healthCheck(HealthCheck.command(dev.drover.sdk.Command.shell("test -f ok"))).build(), "a");
    assertEquals("test -f ok", cmd.getHealthCheck().getCommand().getValue());
    assertFalse(TaskProtos.toProto(TaskSpec.shell("t-3", "true", Resources.EMPTY), "a").hasHealthCheck());
  }

  @Test
  void everyHealthCheckReachesTheWireAndTheFirstStaysWhereOlderAgentsLook() {
    TaskSpec spec = TaskSpec.builder("t-1").shell("true").healthChecks(List.of(HealthCheck.http("/a", 0),
        HealthCheck.tcp(1), HealthCheck.command(dev.drover.sdk.Command.shell("test -f ok")))).build();
    assertEquals(3, spec.healthChecks().size());
    assertEquals("/a", spec.healthCheck().orElseThrow().path());
    assertEquals(spec, spec.toBuilder().build());
    TaskInfo info = TaskProtos.toProto(spec, "a");
    assertEquals("/a", info.getHealthCheck().getPath());
    assertEquals(List.of(dev.drover.proto.v1.HealthCheck.Type.HTTP, dev.drover.proto.v1.HealthCheck.Type.TCP,
        dev.drover.proto.v1.HealthCheck.Type.COMMAND),
        info.getHealthChecksList().stream().map(dev.drover.proto.v1.HealthCheck::getType).toList());
    assertEquals(1, info.getHealthChecks(1).getPortIndex());
    assertEquals("test -f ok", info.getHealthChecks(2).getCommand().getValue());
    TaskInfo one = TaskProtos.toProto(TaskSpec.builder("t-2").shell("true").healthCheck(HealthCheck.tcp(0)).build(),
        "a");
    assertTrue(one.hasHealthCheck());
    assertEquals(0, one.getHealthChecksCount());
    assertTrue(TaskSpec.builder("t-3").shell("true").healthCheck(HealthCheck.tcp(0)).healthCheck(null).build()
        .healthChecks().isEmpty());
  }

  @Test
  void argvTaskIsNotAShellAndKeepsItsArguments() {
    TaskInfo info = TaskProtos.toProto(TaskSpec.argv("t-1", Resources.of(1, 1, 0), "/bin/echo", "a b"), "a");
    assertFalse(info.getCommand().getShell());
    assertEquals("/bin/echo", info.getCommand().getValue());
    assertEquals(List.of("/bin/echo", "a b"), info.getCommand().getArgumentsList());
    assertFalse(info.hasKillPolicy());
  }

  @Test
  void dockerTaskCarriesItsContainer() {
    DockerSpec docker = new DockerSpec("nginx:1", DockerSpec.Network.HOST,
        List.of(new DockerSpec.PortMapping(31000, 80, null)), false, true, Map.of("memory-swap", "0"));
    TaskInfo info = TaskProtos.toProto(TaskSpec.builder("t").docker(docker).build(), "a");
    assertEquals(ContainerInfo.Type.DOCKER, info.getContainer().getType());
    assertEquals("nginx:1", info.getContainer().getDocker().getImage());
    assertEquals(ContainerInfo.DockerInfo.Network.HOST, info.getContainer().getDocker().getNetwork());
    assertEquals("tcp", info.getContainer().getDocker().getPortMappings(0).getProtocol());
    assertTrue(info.getContainer().getDocker().getForcePull());
  }

  @Test
  void aTaskNeedsACommandOrAnImage() {
    assertThrows(IllegalArgumentException.class, () -> TaskSpec.builder("t").build());
  }

  @Test
  void statusConvertsEveryField() {
    TaskStatus s = TaskProtos.toDomain(dev.drover.proto.v1.TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue("t-1"))
        .setState(dev.drover.proto.v1.TaskState.TASK_FAILED)
        .setReason(Reason.REASON_EXITED).setMessage("exit 3")
        .setSource(dev.drover.proto.v1.TaskStatus.Source.SOURCE_AGENT)
        .setHealthy(false).setHasHealthy(true).setExitCode(3).setHasExitCode(true)
        .setUuid(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff}))
        .setTimestamp(1_700_000_000.25)
        .setAgentId(AgentID.newBuilder().setValue("agent-1")).setContainerId("c-1").build());
    assertEquals(new TaskStatus("t-1", TaskState.FAILED, "REASON_EXITED", "exit 3", "agent-1", OptionalInt.of(3),
        Optional.of(false), Instant.ofEpochSecond(1_700_000_000L, 250_000_000), TaskStatus.Source.AGENT, "c-1",
        "0aff"), s);
    assertTrue(s.needsAcknowledgement());
    assertEquals(List.of((byte) 0x0a, (byte) 0xff),
        List.of(TaskProtos.uuidBytes(s.uuid())[0], TaskProtos.uuidBytes(s.uuid())[1]));
  }

  @Test
  void statusWithoutOptionalFieldsHasThemEmpty() {
    TaskStatus s = TaskProtos.toDomain(dev.drover.proto.v1.TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue("t")).setState(dev.drover.proto.v1.TaskState.TASK_LOST).build());
    assertEquals(TaskState.LOST, s.state());
    assertTrue(s.exitCode().isEmpty());
    assertTrue(s.healthy().isEmpty());
    assertFalse(s.needsAcknowledgement());
    assertEquals(TaskStatus.Source.MASTER, s.source());
  }

  @Test
  void offerConvertsResourcesAndAttributes() {
    Offer o = TaskProtos.toDomain(dev.drover.proto.v1.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o")).setAgentId(AgentID.newBuilder().setValue("a"))
        .setHostname("h")
        .addResources(Resource.newBuilder().setName("cpus").setType(Resource.Type.SCALAR).setScalar(2))
        .addResources(Resource.newBuilder().setName("cpus").setType(Resource.Type.SCALAR).setScalar(1))
        .addAttributes(Attribute.newBuilder().setName("rack").setType(Attribute.Type.TEXT).setText("r1"))
        .addAttributes(Attribute.newBuilder().setName("gen").setType(Attribute.Type.SCALAR).setScalar(3))
        .addAttributes(Attribute.newBuilder().setName("w").setType(Attribute.Type.SCALAR).setScalar(0.5))
        .addAttributes(Attribute.newBuilder().setName("slots").setType(Attribute.Type.RANGES)
            .addRanges(Range.newBuilder().setBegin(1).setEnd(3)).addRanges(Range.newBuilder().setBegin(7).setEnd(7)))
        .addAttributes(Attribute.newBuilder().setName("zones").setType(Attribute.Type.SET).addSet("a").addSet("b"))
        .build());
    assertEquals(Resources.scalar("cpus", 3), o.resources());
    assertEquals(Map.of("rack", "r1", "gen", "3", "w", "0.5", "slots", "[1-3,7]", "zones", "{a,b}"),
        o.attributes());
  }

  @Test
  void offerKeepsWhichResourcesAreReservedForWhichRole() {
    Offer o = TaskProtos.toDomain(dev.drover.proto.v1.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o")).setAgentId(AgentID.newBuilder().setValue("a"))
        .addResources(Resource.newBuilder().setName("cpus").setType(Resource.Type.SCALAR).setScalar(2).setRole("*"))
        .addResources(Resource.newBuilder().setName("cpus").setType(Resource.Type.SCALAR).setScalar(1)
            .setRole("prod"))
        .addResources(Resource.newBuilder().setName("mem").setType(Resource.Type.SCALAR).setScalar(64)
            .setReservation(Resource.Reservation.newBuilder().setRole("ops")))
        .addResources(Resource.newBuilder().setName("mem").setType(Resource.Type.SCALAR).setScalar(32))
        .build());
    assertEquals(Resources.parse("cpus:3;mem:96"), o.resources());
    assertEquals(Map.of("prod", Resources.scalar("cpus", 1), "ops", Resources.scalar("mem", 64)), o.reserved());
    assertEquals(Resources.parse("cpus:2;mem:32"), o.unreserved());
    assertEquals(Resources.parse("cpus:2;mem:32"), o.resourcesFor(List.of("*")));
    assertEquals(Resources.scalar("cpus", 1), o.resourcesFor(List.of("prod")));
    assertEquals(Resources.parse("cpus:3;mem:32"), o.resourcesFor(List.of("*", "prod")));
    assertEquals(Resources.EMPTY, o.resourcesFor(List.of("dev")));
  }

  @Test
  void malformedOfferResourcesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> TaskProtos.toDomain(dev.drover.proto.v1.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o")).setAgentId(AgentID.newBuilder().setValue("a"))
        .addResources(Resource.newBuilder().setName("cpus")).build()));
  }
}
