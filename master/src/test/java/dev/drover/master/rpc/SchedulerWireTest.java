package dev.drover.master.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.master.framework.FrameworkCall;
import dev.drover.proto.v1.Call;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerWireTest {
  @Test
  void suppressAndReviveCarryTheirRoles() {
    Call suppress = Call.newBuilder().setType(Call.Type.SUPPRESS)
        .setSuppress(Call.Suppress.newBuilder().addRoles("a").addRoles("b")).build();
    Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles("a")).build();
    assertEquals(new FrameworkCall.Suppress(List.of("a", "b")), SchedulerWire.toDomain(suppress));
    assertEquals(new FrameworkCall.Revive(List.of("a")), SchedulerWire.toDomain(revive));
  }

  @Test
  void withoutRolesTheyMeanAllRoles() {
    assertEquals(new FrameworkCall.Suppress(List.of()),
        SchedulerWire.toDomain(Call.newBuilder().setType(Call.Type.SUPPRESS).build()));
    assertEquals(new FrameworkCall.Revive(List.of()),
        SchedulerWire.toDomain(Call.newBuilder().setType(Call.Type.REVIVE).build()));
  }
}
