package dev.drover.agent.status;

import dev.drover.agent.Scheduler;
import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.task.TaskKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StatusUpdateManager} that writes each task's stream to the {@link CheckpointStore} before an update is
 * sent and after one is acknowledged, so a restarted agent loses none. Once a task's terminal update is
 * acknowledged its checkpoint is removed. Not thread-safe: the agent loop only.
 */
public final class CheckpointingStatusUpdateManager extends StatusUpdateManager {
  private final CheckpointStore store;

  public CheckpointingStatusUpdateManager(Scheduler scheduler, Duration initialRetry, Duration maxRetry,
      CheckpointStore store) {
    super(scheduler, initialRetry, maxRetry);
    this.store = store;
  }

  @Override
  protected void onAppended(StatusUpdate update) {
    List<StatusUpdate> pending = new ArrayList<>(pending(update.key()));
    pending.add(update);
    store.saveUpdates(update.key(), pending, Optional.of(update));
  }

  @Override
  protected void onAcknowledged(StatusUpdate update) {
    TaskKey key = update.key();
    List<StatusUpdate> pending = pending(key);
    if (pending.isEmpty() && update.state().isTerminal()) {
      store.remove(key);
    } else {
      store.saveUpdates(key, pending, latest(key));
    }
  }
}
