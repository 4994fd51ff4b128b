package dev.drover.sdk.toolkit;

import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import java.util.concurrent.CompletionStage;

/**
 * When status updates are acknowledged. An agent re-sends an update (with backoff) until it is acknowledged, and
 * sends a task's next update only after the previous one was, so the choice trades simplicity against the risk of
 * losing an update across a scheduler crash.
 *
 * <ul>
 *   <li>{@link #IMPLICIT} (the driver's default): the driver acknowledges after
 *       {@link dev.drover.sdk.Scheduler#statusUpdate} returns normally. Right when the callback has finished with the
 *       update by the time it returns (or when losing it in a crash is acceptable: reconciliation will recover).</li>
 *   <li>{@link #EXPLICIT}: the framework calls {@link SchedulerDriver#acknowledge} itself, typically after it
 *       persisted the update ({@link #acknowledgeWhenDone}). Use it when the update must survive a crash of the
 *       scheduler: persist, then acknowledge.</li>
 * </ul>
 *
 * <p>Either way an update whose {@link TaskStatus#needsAcknowledgement()} is false (master-generated, e.g. a
 * reconciliation answer) needs no acknowledgement, and acknowledging it does nothing.
 */
public enum AcknowledgementPolicy {
  /** The driver acknowledges after {@code statusUpdate} returns normally. */
  IMPLICIT,
  /** The framework acknowledges, e.g. with {@link #acknowledgeWhenDone} once the update is persisted. */
  EXPLICIT;

  /** Configures {@code builder} for this policy; returns it. */
  public DroverSchedulerDriver.Builder applyTo(DroverSchedulerDriver.Builder builder) {
    return builder.implicitAcknowledgements(this == IMPLICIT);
  }

  /**
   * With {@link #EXPLICIT}, acknowledges {@code status} once {@code done} (e.g. the write to the state store)
   * completes normally; an exceptional completion leaves it unacknowledged, so the agent re-sends it. With
   * {@link #IMPLICIT} does nothing (the driver already acknowledged or will).
   */
  public void acknowledgeWhenDone(SchedulerDriver driver, TaskStatus status, CompletionStage<?> done) {
    if (this == EXPLICIT && status.needsAcknowledgement()) {
      done.whenComplete((ok, failure) -> {
        if (failure == null) {
          driver.acknowledge(status);
        }
      });
    }
  }
}
