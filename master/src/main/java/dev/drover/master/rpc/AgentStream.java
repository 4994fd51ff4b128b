package dev.drover.master.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.core.MasterCore;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.KillPolicy;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One agent's Connect stream: decodes what the agent sends into core commands and encodes what the core sends. */
final class AgentStream implements StreamObserver<AgentMessage>, AgentChannel {
  private static final Logger LOG = LoggerFactory.getLogger(AgentStream.class);

  private final MasterCore core;
  private final SerializedObserver<MasterMessage> out;
  private volatile boolean registering;

  AgentStream(MasterCore core, StreamObserver<MasterMessage> responses) {
    this.core = core;
    this.out = new SerializedObserver<>(responses);
  }

  @Override
  public void onNext(AgentMessage m) {
    try {
      if (!registering && m.getType() != AgentMessage.Type.REGISTER && m.getType() != AgentMessage.Type.REREGISTER) {
        throw new IllegalArgumentException("the first message must be REGISTER or REREGISTER, not " + m.getType());
      }
      switch (m.getType()) {
        case REGISTER, REREGISTER -> register(m);
        case PONG -> core.agentPong(this, m.getPong().getSequence());
        case STATUS_UPDATE -> core.agentStatusUpdate(this, m.getStatusUpdate().getFrameworkId().getValue(),
            CommonWire.toDomain(m.getStatusUpdate().getStatus()));
        case RESOURCES_UPDATE -> core.agentResources(this,
            ProtoResources.toDomain(m.getResourcesUpdate().getResourcesList()));
        default -> LOG.warn("Ignoring agent message of type {}", m.getType());
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("Rejecting an agent stream: {}", e.getMessage());
      out.fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      core.agentDisconnected(this);
    }
  }

  private void register(AgentMessage m) {
    if (registering) {
      throw new IllegalArgumentException("this stream already registered; open a new one to re-register");
    }
    registering = true;
    AgentMessage.Register r = m.getRegister();
    List<ReportedTask> tasks = new ArrayList<>();
    for (int i = 0; i < r.getTasksCount(); i++) {
      TaskSpec spec = CommonWire.toDomain(r.getTasks(i));
      if (i >= r.getTaskStatusesCount()) {
        throw new IllegalArgumentException("task " + spec.taskId() + " has no status (task_statuses is shorter)");
      }
      tasks.add(new ReportedTask(spec, CommonWire.toDomain(r.getTaskStatuses(i))));
    }
    core.agentRegister(this, r.getAgentInfo().getId().getValue(), m.getType() == AgentMessage.Type.REREGISTER,
        CommonWire.toDomain(r.getAgentInfo()), tasks);
  }

  @Override
  public void onError(Throwable t) {
    out.peerGone();
    core.agentDisconnected(this);
  }

  @Override
  public void onCompleted() {
    out.complete();
    core.agentDisconnected(this);
  }

  @Override
  public void registered(String agentId, String masterId, Duration pingInterval) {
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.REGISTERED)
        .setRegistered(MasterMessage.Registered.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
            .setMasterId(masterId).setPingIntervalSeconds(pingInterval.toMillis() / 1000.0))
        .build());
  }

  @Override
  public void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks) {
    MasterMessage.RunTasks.Builder b = MasterMessage.RunTasks.newBuilder()
        .setFramework(CommonWire.toProto(frameworkId, framework));
    for (TaskSpec t : tasks) {
      try {
        b.addTasks(TaskInfo.parseFrom(t.wire()).toBuilder().setAgentId(AgentID.newBuilder().setValue(t.agentId())));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("cannot re-read task " + t.taskId(), e);
      }
    }
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.RUN_TASKS).setRunTasks(b).build());
  }

  @Override
  public void killTask(String frameworkId, String taskId, Double gracePeriodSeconds) {
    MasterMessage.KillTask.Builder b = MasterMessage.KillTask.newBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
        .setTaskId(TaskID.newBuilder().setValue(taskId));
    if (gracePeriodSeconds != null) {
      b.setKillPolicy(KillPolicy.newBuilder().setGracePeriodSeconds(gracePeriodSeconds));
    }
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.KILL_TASK).setKillTask(b).build());
  }

  @Override
  public void acknowledge(String frameworkId, String taskId, byte[] uuid) {
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.STATUS_UPDATE_ACK)
        .setStatusUpdateAck(MasterMessage.StatusUpdateAck.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
            .setTaskId(TaskID.newBuilder().setValue(taskId)).setUuid(ByteString.copyFrom(uuid)))
        .build());
  }

  @Override
  public void shutdownFramework(String frameworkId) {
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.SHUTDOWN_FRAMEWORK)
        .setShutdownFramework(MasterMessage.ShutdownFramework.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId)))
        .build());
  }

  @Override
  public void ping(long sequence) {
    out.send(MasterMessage.newBuilder().setType(MasterMessage.Type.PING)
        .setPing(MasterMessage.Ping.newBuilder().setSequence(sequence)).build());
  }

  @Override
  public void fail(String description) {
    out.fail(Status.UNAVAILABLE.withDescription(description));
  }

  @Override
  public void close() {
    out.complete();
  }
}
