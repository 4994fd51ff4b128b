package dev.drover.master.rpc;

import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.launch.TaskSpec;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.TaskInfo;
import java.util.ArrayList;
import java.util.List;

/** Decodes scheduler calls (other than SUBSCRIBE) into {@link FrameworkCall}s. */
final class SchedulerWire {
  private SchedulerWire() {}

  static FrameworkCall toDomain(Call call) {
    return switch (call.getType()) {
      case ACCEPT -> accept(call.getAccept());
      case DECLINE -> new FrameworkCall.Decline(ids(call.getDecline().getOfferIdsList()),
          call.getDecline().hasFilters() ? call.getDecline().getFilters().getRefuseSeconds() : null);
      case REVIVE -> new FrameworkCall.Revive(List.copyOf(call.getRevive().getRolesList()));
      case SUPPRESS -> new FrameworkCall.Suppress(List.copyOf(call.getSuppress().getRolesList()));
      case KILL -> new FrameworkCall.Kill(call.getKill().getTaskId().getValue(),
          call.getKill().getAgentId().getValue(),
          call.getKill().hasKillPolicy() ? call.getKill().getKillPolicy().getGracePeriodSeconds() : null);
      case ACKNOWLEDGE -> new FrameworkCall.Acknowledge(call.getAcknowledge().getAgentId().getValue(),
          call.getAcknowledge().getTaskId().getValue(), call.getAcknowledge().getUuid().toByteArray());
      case RECONCILE -> new FrameworkCall.Reconcile(
          call.getReconcile().getTasksList().stream().map(t -> t.getTaskId().getValue()).toList(),
          call.getReconcile().getTasksList().stream().map(t -> t.getAgentId().getValue()).toList());
      case TEARDOWN -> new FrameworkCall.Teardown();
      case UPDATE_FRAMEWORK -> new FrameworkCall.UpdateFramework(
          CommonWire.toDomain(call.getUpdateFramework().getFrameworkInfo()));
      default -> new FrameworkCall.Unsupported(call.getType().toString());
    };
  }

  private static FrameworkCall accept(Call.Accept a) {
    List<TaskSpec> tasks = new ArrayList<>();
    boolean launch = false;
    for (Operation op : a.getOperationsList()) {
      if (op.getType() == Operation.Type.LAUNCH) {
        launch = true;
        for (TaskInfo t : op.getLaunch().getTaskInfosList()) {
          tasks.add(CommonWire.toDomain(t));
        }
      } else {
        return new FrameworkCall.Unsupported("ACCEPT with operation " + op.getType());
      }
    }
    return new FrameworkCall.Accept(ids(a.getOfferIdsList()), launch, tasks,
        a.hasFilters() ? a.getFilters().getRefuseSeconds() : null);
  }

  private static List<String> ids(List<OfferID> ids) {
    return ids.stream().map(OfferID::getValue).toList();
  }
}
