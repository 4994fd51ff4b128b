package dev.drover.agent.status;

import dev.drover.agent.Scheduler;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.task.TaskKey;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A {@link StatusUpdateManager} that journals each task's stream in the {@link CheckpointStore}: an update is sent
 * only once its checkpoint is on disk, and each acknowledgement is journalled too (without waiting: an
 * acknowledgement lost in a crash only makes the restarted agent send that update again). Once a task's terminal
 * update is acknowledged its checkpoint is removed. Not thread-safe: the agent loop only.
 */
public final class CheckpointingStatusUpdateManager extends StatusUpdateManager {
  private final CheckpointStore store;

  public CheckpointingStatusUpdateManager(Scheduler scheduler, Duration initialRetry, Duration maxRetry,
      CheckpointStore store) {
    super(scheduler, initialRetry, maxRetry);
    this.store = store;
  }

  @Override
  protected CompletionStage<Void> onAppended(StatusUpdate update) {
    return store.append(update);
  }

  @Override
  protected void onAcknowledged(StatusUpdate update) {
    TaskKey key = update.key();
    if (pending(key).isEmpty() && update.state().isTerminal()) {
      store.remove(key);
    } else {
      store.acknowledged(key, update.uuid());
    }
  }
}
