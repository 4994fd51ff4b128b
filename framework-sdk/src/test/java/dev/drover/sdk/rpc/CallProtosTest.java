package dev.drover.sdk.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drover.model.Resources;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallProtosTest {
  private final FrameworkConfig config = FrameworkConfig.builder("fw").user("u").roles("a", "b")
      .failoverTimeout(Duration.ofSeconds(90)).principal("p").partitionAware().webuiUrl("http://x").build();

  @Test
  void frameworkInfoCarriesTheConfigAndTheId() {
    FrameworkInfo info = CallProtos.toProto(config, Optional.of("fw-1"));
    assertEquals("fw-1", info.getId().getValue());
    assertEquals("fw", info.getName());
    assertEquals("u", info.getUser());
    assertEquals(List.of("a", "b"), info.getRolesList());
    assertEquals(90.0, info.getFailoverTimeout());
    assertEquals("p", info.getPrincipal());
    assertEquals(List.of("PARTITION_AWARE"), info.getCapabilitiesList());
    assertTrue(info.getCheckpoint());
    assertEquals("http://x", info.getWebuiUrl());
    assertFalse(CallProtos.toProto(config, Optional.empty()).hasId());
  }

  @Test
  void subscribeCarriesSuppressedRoles() {
    Call c = CallProtos.subscribe(config, Optional.of("fw-1"), List.of("a"));
    assertEquals(Call.Type.SUBSCRIBE, c.getType());
    assertEquals("fw-1", c.getFrameworkId().getValue());
    assertEquals(List.of("a"), c.getSubscribe().getSuppressedRolesList());
  }

  @Test
  void everyCallIsStampedAndTyped() {
    TaskSpec task = TaskSpec.shell("t", "true", Resources.of(1, 1, 0)).toBuilder().agentId("ag").build();
    Call launch = CallProtos.toProto(new OutboundCall.Launch(List.of("o1", "o2"), List.of(task)), "fw-1");
    assertEquals(Call.Type.ACCEPT, launch.getType());
    assertEquals("fw-1", launch.getFrameworkId().getValue());
    assertEquals(2, launch.getAccept().getOfferIdsCount());
    assertEquals("ag", launch.getAccept().getOperations(0).getLaunch().getTaskInfos(0).getAgentId().getValue());

    Call decline = CallProtos.toProto(new OutboundCall.Decline(List.of("o"), Duration.ofMillis(2500)), "fw-1");
    assertEquals(2.5, decline.getDecline().getFilters().getRefuseSeconds());

    Call ack = CallProtos.toProto(new OutboundCall.Acknowledge("ag", "t", "00ff"), "fw-1");
    assertEquals(ByteString.copyFrom(new byte[] {0, (byte) 0xff}), ack.getAcknowledge().getUuid());
    assertEquals("ag", ack.getAcknowledge().getAgentId().getValue());

    Call kill = CallProtos.toProto(new OutboundCall.Kill("t", Optional.empty()), "fw-1");
    assertEquals(Call.Type.KILL, kill.getType());
    assertFalse(kill.getKill().hasAgentId());

    Call reconcile = CallProtos.toProto(new OutboundCall.Reconcile(List.of(TaskRef.of("t", "ag"))), "fw-1");
    assertEquals("ag", reconcile.getReconcile().getTasks(0).getAgentId().getValue());

    assertEquals(Call.Type.REVIVE, CallProtos.toProto(new OutboundCall.Revive(List.of()), "f").getType());
    assertEquals(List.of("a"),
        CallProtos.toProto(new OutboundCall.Suppress(List.of("a")), "f").getSuppress().getRolesList());
    assertEquals(Call.Type.TEARDOWN, CallProtos.toProto(new OutboundCall.Teardown(), "f").getType());
  }
}
