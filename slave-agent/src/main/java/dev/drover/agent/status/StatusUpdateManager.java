package dev.drover.agent.status;

import dev.drover.agent.Scheduler;
import dev.drover.agent.task.TaskKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers status updates reliably and in order, per task. Only the oldest unacknowledged update of a task is in
 * flight; it is re-sent with backoff ({@code initialRetry} doubling to {@code maxRetry}) and on every
 * {@link #connected}, until {@link #acknowledge} names its uuid; then the task's next update goes out. Updates
 * produced while disconnected wait in their stream.
 *
 * <p>An update is sent only once {@link #onAppended} says it is durable (at once here; once its checkpoint is on
 * disk in {@link CheckpointingStatusUpdateManager}), and {@link #latest} is the newest durable update, so the master
 * never learns a state a restarted agent could have lost. Updates of one task become durable in order.
 *
 * <p>Not thread-safe: call it only from the agent loop ({@link Scheduler}), which also runs its timers. Streams live
 * in memory; {@link CheckpointingStatusUpdateManager} writes them to disk through {@link #onAppended} and
 * {@link #onAcknowledged}.
 */
public class StatusUpdateManager {
  private static final Logger LOG = LoggerFactory.getLogger(StatusUpdateManager.class);

  /** Where updates go while the agent is registered with a master. */
  @FunctionalInterface
  public interface Sender {
    void send(StatusUpdate update);
  }

  private final Scheduler scheduler;
  private final Duration initialRetry;
  private final Duration maxRetry;
  private final Map<TaskKey, Stream> streams = new LinkedHashMap<>();
  private final Map<TaskKey, StatusUpdate> latest = new HashMap<>();
  private Sender sender;

  public StatusUpdateManager(Scheduler scheduler, Duration initialRetry, Duration maxRetry) {
    this.scheduler = scheduler;
    this.initialRetry = initialRetry;
    this.maxRetry = maxRetry;
  }

  /** Queues {@code update} behind the task's unacknowledged ones; sends it now if it is the oldest. */
  public void update(StatusUpdate update) {
    Stream s = streams.computeIfAbsent(update.key(), k -> new Stream());
    s.pending.addLast(update);
    CompletableFuture<Void> written = onAppended(update).toCompletableFuture();
    if (written.isDone() && !written.isCompletedExceptionally()) {
      durable(update);
      return;
    }
    s.writing.add(update.uuid());
    written.whenComplete((v, err) -> {
      if (err != null) {
        LOG.error("Status update {} could not be checkpointed; it is not sent: {}", update, err.toString());
      } else {
        scheduler.execute(() -> durable(update));
      }
    });
  }

  /** {@code update} is on disk: it is the task's newest known state, and goes out if it is the oldest. */
  private void durable(StatusUpdate update) {
    Stream s = streams.get(update.key());
    latest.put(update.key(), update);
    if (s == null) {
      return;
    }
    s.writing.remove(update.uuid());
    if (s.pending.peekFirst() == update) {
      sendHead(update.key(), s, initialRetry);
    } else {
      LOG.debug("Queued {} behind {} unacknowledged", update, s.pending.size() - 1);
    }
  }

  /**
   * Restores a task's stream from a checkpoint: {@code latest} becomes its newest update and {@code pending} its
   * unacknowledged ones, sent on the next {@link #connected}. {@link #onAppended} is not called.
   */
  public void recover(TaskKey key, Optional<StatusUpdate> latest, List<StatusUpdate> pending) {
    latest.ifPresent(u -> this.latest.put(key, u));
    if (!pending.isEmpty()) {
      Stream s = streams.computeIfAbsent(key, k -> new Stream());
      s.pending.addAll(pending);
    }
  }

  /**
   * Handles an acknowledgement. If it names the task's in-flight update, that one is done and the next is sent.
   *
   * @return whether the uuid matched the update in flight
   */
  public boolean acknowledge(TaskKey key, UUID uuid) {
    Stream s = streams.get(key);
    if (s == null || s.pending.isEmpty() || !s.pending.peekFirst().uuid().equals(uuid)) {
      LOG.debug("Ignoring acknowledgement of {} for {}: not the update in flight", uuid, key);
      return false;
    }
    StatusUpdate done = s.pending.removeFirst();
    s.cancelRetry();
    onAcknowledged(done);
    LOG.debug("Acknowledged {}", done);
    if (s.pending.isEmpty()) {
      streams.remove(key);
    } else {
      sendHead(key, s, initialRetry);
    }
    return true;
  }

  /** The agent is registered with a master: every task's in-flight update is sent again, at once. */
  public void connected(Sender sender) {
    this.sender = sender;
    streams.forEach((key, s) -> sendHead(key, s, initialRetry));
  }

  /** The stream to the master is gone; updates wait until the next {@link #connected}. */
  public void disconnected() {
    this.sender = null;
    streams.values().forEach(Stream::cancelRetry);
  }

  /** The newest update produced for {@code key}, acknowledged or not. */
  public Optional<StatusUpdate> latest(TaskKey key) {
    return Optional.ofNullable(latest.get(key));
  }

  /** Whether {@code key} has updates the master has not acknowledged. */
  public boolean hasPending(TaskKey key) {
    return streams.containsKey(key);
  }

  /** The unacknowledged updates of {@code key}, oldest first. */
  public List<StatusUpdate> pending(TaskKey key) {
    Stream s = streams.get(key);
    return s == null ? List.of() : List.copyOf(s.pending);
  }

  /** Drops what is remembered about a finished task whose updates are all acknowledged. */
  public void forget(TaskKey key) {
    if (!hasPending(key)) {
      latest.remove(key);
    }
  }

  /**
   * Hook: an update was accepted; it is sent once the returned stage completes (a checkpointing version completes
   * it when the update is on disk, on any thread).
   */
  protected CompletionStage<Void> onAppended(StatusUpdate update) {
    return CompletableFuture.completedFuture(null);
  }

  /** Hook: an update was acknowledged. */
  protected void onAcknowledged(StatusUpdate update) {}

  private void sendHead(TaskKey key, Stream s, Duration nextDelay) {
    s.cancelRetry();
    if (sender == null || s.pending.isEmpty() || s.writing.contains(s.pending.peekFirst().uuid())) {
      return;
    }
    StatusUpdate head = s.pending.peekFirst();
    LOG.info("Sending status {}", head);
    sender.send(head);
    Duration after = nextDelay.compareTo(maxRetry) > 0 ? maxRetry : nextDelay;
    s.retry = scheduler.schedule(after, () -> {
      s.retry = null;
      if (streams.get(key) == s && !s.pending.isEmpty() && s.pending.peekFirst() == head && sender != null) {
        LOG.info("No acknowledgement for {} after {} ms; re-sending", head.uuid(), after.toMillis());
        sendHead(key, s, after.multipliedBy(2));
      }
    });
  }

  private static final class Stream {
    final Deque<StatusUpdate> pending = new ArrayDeque<>();
    final Set<UUID> writing = new HashSet<>();
    Scheduler.Cancellable retry;

    void cancelRetry() {
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
    }
  }
}
