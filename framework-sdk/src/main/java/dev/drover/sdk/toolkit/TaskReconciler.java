package dev.drover.sdk.toolkit;

import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs Mesos' reconciliation algorithm: on every (re)subscription and every {@code interval}, first an
 * <em>explicit</em> round for the tasks the framework believes exist, re-asking with exponential back-off (from
 * {@code initialBackoff}, doubling up to {@code maxBackoff}) for tasks not yet answered, and once every task has
 * answered, one <em>implicit</em> round so the master also reports tasks the framework does not know about.
 *
 * <p>Wiring: call {@link #subscribed()} from {@code registered} and {@code reregistered}, {@link #disconnected()} from
 * {@code disconnected}, and {@link #statusUpdate} from {@code statusUpdate} (any update for a task counts as its
 * answer). Thread-safe: the driver's thread and the timer's may call in concurrently. All waiting goes through the
 * injected {@link Timer}.
 */
public final class TaskReconciler {
  private final Consumer<List<TaskRef>> reconcile;
  private final Supplier<? extends Collection<TaskRef>> known;
  private final Timer timer;
  private final Duration interval;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private final Map<String, TaskRef> pending = new LinkedHashMap<>();
  private Duration backoff;
  private Timer.Cancellable scheduled;
  private boolean connected;
  private long rounds;

  /**
   * @param driver where reconcile calls go
   * @param known the tasks the framework believes exist, read at the start of each round
   * @param timer time and scheduling
   * @param interval time between the end of one round and the start of the next
   * @param initialBackoff wait before re-asking about unanswered tasks
   * @param maxBackoff the back-off doubles up to this
   */
  public TaskReconciler(SchedulerDriver driver, Supplier<? extends Collection<TaskRef>> known, Timer timer,
      Duration interval, Duration initialBackoff, Duration maxBackoff) {
    this(Objects.requireNonNull(driver)::reconcile, known, timer, interval, initialBackoff, maxBackoff);
  }

  /**
   * For a framework that reaches its driver through its own seam (e.g. a cluster interface its tests fake):
   * {@code reconcile} receives each request, the empty list meaning an implicit round, exactly as
   * {@link SchedulerDriver#reconcile} would.
   */
  public TaskReconciler(Consumer<List<TaskRef>> reconcile, Supplier<? extends Collection<TaskRef>> known, Timer timer,
      Duration interval, Duration initialBackoff, Duration maxBackoff) {
    this.reconcile = Objects.requireNonNull(reconcile);
    this.known = Objects.requireNonNull(known);
    this.timer = Objects.requireNonNull(timer);
    this.interval = interval;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** With a 10-minute interval and back-off from 1 s to 1 min. */
  public static TaskReconciler withDefaults(SchedulerDriver driver, Supplier<? extends Collection<TaskRef>> known,
      Timer timer) {
    return new TaskReconciler(driver, known, timer, Duration.ofMinutes(10), Duration.ofSeconds(1),
        Duration.ofMinutes(1));
  }

  /** The driver (re)subscribed: starts a round now. */
  public synchronized void subscribed() {
    connected = true;
    startRound();
  }

  /** The driver lost its connection: stops asking until {@link #subscribed()}. */
  public synchronized void disconnected() {
    connected = false;
    cancel();
    pending.clear();
  }

  /** Counts {@code status} as the answer for its task; may finish the explicit phase. */
  public synchronized void statusUpdate(TaskStatus status) {
    if (pending.remove(status.taskId()) != null && pending.isEmpty() && connected) {
      finishRound();
    }
  }

  /** Tasks asked about in the current explicit phase and not yet answered. */
  public synchronized List<String> unanswered() {
    return List.copyOf(pending.keySet());
  }

  /** How many rounds have completed (explicit phase answered and implicit request sent). */
  public synchronized long completedRounds() {
    return rounds;
  }

  private void startRound() {
    cancel();
    pending.clear();
    known.get().forEach(t -> pending.put(t.taskId(), t));
    if (pending.isEmpty()) {
      finishRound();
      return;
    }
    backoff = initialBackoff;
    ask();
  }

  private void ask() {
    reconcile.accept(List.copyOf(pending.values()));
    Duration wait = backoff;
    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    scheduled = timer.schedule(wait, this::retry);
  }

  private synchronized void retry() {
    if (connected && !pending.isEmpty()) {
      ask();
    }
  }

  private void finishRound() {
    cancel();
    reconcile.accept(List.of());
    rounds++;
    scheduled = timer.schedule(interval, this::periodic);
  }

  private synchronized void periodic() {
    if (connected) {
      startRound();
    }
  }

  private void cancel() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
    }
  }
}
