package dev.drover.agent.rpc;

import dev.drover.agent.checkpoint.CheckpointCodec;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.TaskReason;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.proto.v1.TaskStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** Checkpoints tasks as {@code TaskInfo} and status updates as {@code TaskStatus}, the wire forms. */
public final class ProtoCheckpointCodec implements CheckpointCodec {
  @Override
  public byte[] encode(TaskSpec spec) {
    return AgentProtos.toProto(spec, "").toByteArray();
  }

  @Override
  public TaskSpec decodeSpec(String frameworkId, byte[] bytes) throws IOException {
    try {
      return AgentProtos.toSpec(frameworkId, TaskInfo.parseFrom(bytes));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad task checkpoint: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] encode(StatusUpdate update) {
    return AgentProtos.toProto(update).toByteArray();
  }

  @Override
  public StatusUpdate decodeUpdate(byte[] bytes) throws IOException {
    TaskStatus s = TaskStatus.parseFrom(bytes);
    return new StatusUpdate(AgentProtos.uuid(s.getUuid()).orElseThrow(() -> new IOException("update without uuid")),
        new TaskKey(s.getFrameworkId().getValue(), s.getTaskId().getValue()),
        ProtoResources.toDomain(s.getState()), reason(s), s.getMessage(),
        s.getHasExitCode() ? OptionalInt.of(s.getExitCode()) : OptionalInt.empty(), s.getContainerId(),
        s.getAgentId().getValue(), Instant.ofEpochMilli(Math.round(s.getTimestamp() * 1000)),
        s.getHasHealthy() ? Optional.of(s.getHealthy()) : Optional.empty());
  }

  private static TaskReason reason(TaskStatus s) {
    try {
      return TaskReason.valueOf(s.getReason().name().substring("REASON_".length()));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return TaskReason.UNSPECIFIED;
    }
  }
}
