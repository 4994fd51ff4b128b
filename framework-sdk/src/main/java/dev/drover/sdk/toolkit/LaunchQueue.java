package dev.drover.sdk.toolkit;

import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.placement.Assignment;
import dev.drover.sdk.placement.Instance;
import dev.drover.sdk.placement.Placement;
import dev.drover.sdk.placement.PlacementRequest;
import dev.drover.sdk.placement.PlacementResult;
import dev.drover.sdk.placement.Unplaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Launches placement requests as offers arrive, retries launches that fail before the task starts, and applies an
 * {@link OfferPolicy}. Thread-safe; meant to be fed from the scheduler's callbacks.
 *
 * <p>Wiring: {@link #submit} work; pass every {@code resourceOffers} to {@link #resourceOffers} and every
 * {@code statusUpdate} to {@link #statusUpdate}. A submitted request waits until an offer fits (placed with the given
 * {@link Placement}, counting the instances the caller says exist plus the ones in flight), is launched with the task
 * {@code toTask} builds, and leaves the queue when its task reaches STARTING, RUNNING or any later non-failure state.
 * If the task ends (DROPPED, ERROR, FAILED, KILLED, LOST, GONE) or becomes UNREACHABLE or UNKNOWN before starting,
 * the request is queued again after a
 * back-off (1 s doubling to 1 min) through the injected {@link Timer}, up to {@code maxAttempts}; then
 * {@link Listener#gaveUp} is told. {@code toTask} must give every attempt a new task id.
 */
public final class LaunchQueue {

  /** Hears what happens to requests. Runs on the thread that fed the queue; must not block. */
  public interface Listener {
    /** The request's task started (STARTING or RUNNING, or finished without failing). */
    default void launched(PlacementRequest request, TaskStatus status) {}

    /** The request failed {@code maxAttempts} times and left the queue. */
    default void gaveUp(PlacementRequest request, TaskStatus last) {}

    /** The request did not fit any of the offers just seen. */
    default void unplaced(Unplaced unplaced) {}
  }

  private record InFlight(PlacementRequest request, int attempt, Instance where) {}

  private final SchedulerDriver driver;
  private final Placement placement;
  private final Timer timer;
  private final OfferPolicy policy;
  private final int maxAttempts;
  private final Function<Assignment, TaskSpec> toTask;
  private final Listener listener;
  private final Map<String, PlacementRequest> waiting = new LinkedHashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<String, InFlight> inFlight = new HashMap<>();
  private boolean suppressed;

  public LaunchQueue(SchedulerDriver driver, Placement placement, Timer timer, OfferPolicy policy, int maxAttempts,
      Function<Assignment, TaskSpec> toTask, Listener listener) {
    this.driver = Objects.requireNonNull(driver);
    this.placement = Objects.requireNonNull(placement);
    this.timer = Objects.requireNonNull(timer);
    this.policy = Objects.requireNonNull(policy);
    this.maxAttempts = maxAttempts;
    this.toTask = Objects.requireNonNull(toTask);
    this.listener = listener == null ? new Listener() {} : listener;
  }

  /** Queues a request (replacing a waiting one with the same id) and revives offers if they were suppressed. */
  public synchronized void submit(PlacementRequest request) {
    waiting.put(request.id(), request);
    attempts.putIfAbsent(request.id(), 0);
    if (suppressed) {
      suppressed = false;
      driver.revive();
    }
  }

  /** Removes a waiting request; returns whether it was waiting. A launch already in flight is not affected. */
  public synchronized boolean cancel(String requestId) {
    attempts.remove(requestId);
    return waiting.remove(requestId) != null;
  }

  /** Requests waiting for an offer, in order. */
  public synchronized List<PlacementRequest> waiting() {
    return List.copyOf(waiting.values());
  }

  /** Task ids launched and not yet started or failed. */
  public synchronized List<String> inFlight() {
    return List.copyOf(inFlight.keySet());
  }

  /**
   * Places the waiting requests on {@code offers}, launches them, and declines the rest per the {@link OfferPolicy};
   * suppresses offers when nothing is waiting or in flight (if the policy says so).
   *
   * @param existing per group, the instances already running, as the framework knows them
   */
  public synchronized void resourceOffers(List<Offer> offers, Map<String, ? extends Collection<Instance>> existing) {
    Map<String, List<Instance>> all = new HashMap<>();
    existing.forEach((g, l) -> all.put(g, new ArrayList<>(l)));
    inFlight.values().forEach(f -> all.computeIfAbsent(f.request.group(), g -> new ArrayList<>()).add(f.where));
    PlacementResult result = placement.place(List.copyOf(waiting.values()), offers, all);
    result.byOffer().forEach((offerId, as) -> {
      List<TaskSpec> tasks = new ArrayList<>();
      for (Assignment a : as) {
        TaskSpec t = toTask.apply(a);
        tasks.add(t);
        waiting.remove(a.request().id());
        int attempt = attempts.merge(a.request().id(), 1, Integer::sum);
        inFlight.put(t.taskId(), new InFlight(a.request(), attempt, Instance.on(a.offer())));
      }
      driver.launch(offerId, tasks);
    });
    result.unplaced().forEach(listener::unplaced);
    boolean work = !waiting.isEmpty();
    for (Offer o : result.unused(offers)) {
      driver.decline(o.id(), policy.refuse(work));
    }
    if (!work && inFlight.isEmpty() && policy.suppressWhenIdle() && !suppressed) {
      suppressed = true;
      driver.suppress();
    }
  }

  /** Resolves an in-flight launch; ignores updates for other tasks. */
  public synchronized void statusUpdate(TaskStatus status) {
    InFlight f = inFlight.get(status.taskId());
    if (f == null || status.state() == TaskState.STAGING) {
      return;
    }
    inFlight.remove(status.taskId());
    if (!failedToStart(status.state())) {
      attempts.remove(f.request.id());
      listener.launched(f.request, status);
      return;
    }
    if (f.attempt >= maxAttempts) {
      attempts.remove(f.request.id());
      listener.gaveUp(f.request, status);
      return;
    }
    long factor = 1L << Math.min(f.attempt - 1, 6);
    Duration backoff = Duration.ofSeconds(Math.min(60, factor));
    timer.schedule(backoff, () -> {
      synchronized (this) {
        if (attempts.containsKey(f.request.id())) {
          submit(f.request);
        }
      }
    });
  }

  /** Whether offers are suppressed by this queue right now. */
  public synchronized boolean isSuppressed() {
    return suppressed;
  }

  private static boolean failedToStart(TaskState s) {
    return switch (s) {
      case DROPPED, ERROR, FAILED, LOST, GONE, GONE_BY_OPERATOR, UNREACHABLE, UNKNOWN, KILLED -> true;
      default -> false;
    };
  }
}
