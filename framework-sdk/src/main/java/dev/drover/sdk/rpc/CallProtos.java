package dev.drover.sdk.rpc;

import com.google.protobuf.ByteString;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Filters;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.TaskID;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import java.util.List;
import java.util.Optional;

/** Builds the wire {@link Call}s from the SDK's domain values. Internal to the SDK. */
public final class CallProtos {
  private CallProtos() {}

  public static FrameworkInfo toProto(FrameworkConfig c, Optional<String> frameworkId) {
    FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
        .setName(c.name())
        .setUser(c.user())
        .addAllRoles(c.roles())
        .setFailoverTimeout(c.failoverTimeout().toMillis() / 1000.0)
        .setCheckpoint(c.checkpoint())
        .addAllCapabilities(c.capabilities())
        .setPrincipal(c.principal())
        .setWebuiUrl(c.webuiUrl())
        .setHostname(c.hostname());
    frameworkId.ifPresent(id -> b.setId(FrameworkID.newBuilder().setValue(id)));
    return b.build();
  }

  /** The first call on a stream; carries the framework id to re-subscribe. */
  public static Call subscribe(FrameworkConfig c, Optional<String> frameworkId, List<String> suppressedRoles) {
    Call.Builder b = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .setFrameworkInfo(toProto(c, frameworkId)).addAllSuppressedRoles(suppressedRoles));
    frameworkId.ifPresent(id -> b.setFrameworkId(FrameworkID.newBuilder().setValue(id)));
    return b.build();
  }

  /** The wire form of {@code call}, stamped with the framework id. */
  public static Call toProto(OutboundCall call, String frameworkId) {
    Call.Builder b = Call.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId));
    if (call instanceof OutboundCall.Launch l) {
      Operation.Launch.Builder launch = Operation.Launch.newBuilder();
      for (TaskSpec t : l.tasks()) {
        launch.addTaskInfos(TaskProtos.toProto(t, t.agentId().orElseThrow()));
      }
      Call.Accept.Builder accept = Call.Accept.newBuilder()
          .addOperations(Operation.newBuilder().setType(Operation.Type.LAUNCH).setLaunch(launch));
      l.offerIds().forEach(id -> accept.addOfferIds(OfferID.newBuilder().setValue(id)));
      b.setType(Call.Type.ACCEPT).setAccept(accept);
    } else if (call instanceof OutboundCall.Decline d) {
      Call.Decline.Builder decline = Call.Decline.newBuilder()
          .setFilters(Filters.newBuilder().setRefuseSeconds(d.refuse().toMillis() / 1000.0));
      d.offerIds().forEach(id -> decline.addOfferIds(OfferID.newBuilder().setValue(id)));
      b.setType(Call.Type.DECLINE).setDecline(decline);
    } else if (call instanceof OutboundCall.Kill k) {
      Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(k.taskId()));
      k.agentId().ifPresent(a -> kill.setAgentId(AgentID.newBuilder().setValue(a)));
      b.setType(Call.Type.KILL).setKill(kill);
    } else if (call instanceof OutboundCall.Acknowledge a) {
      b.setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
          .setAgentId(AgentID.newBuilder().setValue(a.agentId()))
          .setTaskId(TaskID.newBuilder().setValue(a.taskId()))
          .setUuid(ByteString.copyFrom(TaskProtos.uuidBytes(a.uuid()))));
    } else if (call instanceof OutboundCall.Reconcile r) {
      Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
      for (TaskRef t : r.tasks()) {
        Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue(t.taskId()));
        t.agentId().ifPresent(a -> task.setAgentId(AgentID.newBuilder().setValue(a)));
        reconcile.addTasks(task);
      }
      b.setType(Call.Type.RECONCILE).setReconcile(reconcile);
    } else if (call instanceof OutboundCall.Revive r) {
      b.setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addAllRoles(r.roles()));
    } else if (call instanceof OutboundCall.Suppress s) {
      b.setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addAllRoles(s.roles()));
    } else if (call instanceof OutboundCall.Teardown) {
      b.setType(Call.Type.TEARDOWN);
    } else {
      throw new IllegalArgumentException("unknown call " + call);
    }
    return b.build();
  }
}
