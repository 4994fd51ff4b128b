package dev.drover.sdk;

import dev.drover.model.TaskState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The status of one of the framework's tasks, as delivered to {@link Scheduler#statusUpdate}. Immutable and
 * thread-safe.
 *
 * <p>Updates sent by an agent carry an opaque {@code uuid}: the agent re-sends the update until the framework
 * acknowledges it (implicitly after {@code statusUpdate} returns, or with {@link SchedulerDriver#acknowledge}).
 * Updates the master generates itself (reconciliation, dropped launches) have an empty uuid and need no
 * acknowledgement; see {@link #needsAcknowledgement()}.
 *
 * @param taskId the task's id
 * @param state the task's state
 * @param reason why the status was sent, e.g. {@code REASON_EXITED}; never null
 * @param message human-readable detail, possibly empty
 * @param agentId the agent the task is on, possibly empty (e.g. for a task the master does not know)
 * @param exitCode the process' exit code, when the task exited
 * @param healthy the last health-check result, when the task has a health check
 * @param timestamp when the source observed the status
 * @param source who observed it
 * @param containerId the Docker container id or process id, possibly empty
 * @param uuid opaque acknowledgement token (hex); empty when no acknowledgement is needed
 */
public record TaskStatus(String taskId, TaskState state, String reason, String message, String agentId,
    OptionalInt exitCode, Optional<Boolean> healthy, Instant timestamp, Source source, String containerId,
    String uuid) {

  /** Who observed a status. */
  public enum Source { MASTER, AGENT, EXECUTOR }

  public TaskStatus {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
    reason = reason == null ? "REASON_UNSPECIFIED" : reason;
    message = message == null ? "" : message;
    agentId = agentId == null ? "" : agentId;
    exitCode = exitCode == null ? OptionalInt.empty() : exitCode;
    healthy = healthy == null ? Optional.empty() : healthy;
    timestamp = timestamp == null ? Instant.EPOCH : timestamp;
    source = source == null ? Source.MASTER : source;
    containerId = containerId == null ? "" : containerId;
    uuid = uuid == null ? "" : uuid;
  }

  /** A status without an acknowledgement token, e.g. one the driver or the master generated. */
  public static TaskStatus of(String taskId, TaskState state, String reason, String message, String agentId) {
    return new TaskStatus(taskId, state, reason, message, agentId, OptionalInt.empty(), Optional.empty(),
        Instant.now(), Source.MASTER, "", "");
  }

  /** Whether the agent waits for an acknowledgement of this update (it carries a uuid). */
  public boolean needsAcknowledgement() {
    return !uuid.isEmpty();
  }
}
