package dev.drover.agent.checkpoint;

import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.TaskSpec;
import java.io.IOException;

/** Turns tasks and status updates into bytes for the checkpoint files and back; the wire format lives in rpc. */
public interface CheckpointCodec {
  byte[] encode(TaskSpec spec);

  TaskSpec decodeSpec(String frameworkId, byte[] bytes) throws IOException;

  byte[] encode(StatusUpdate update);

  StatusUpdate decodeUpdate(byte[] bytes) throws IOException;
}
