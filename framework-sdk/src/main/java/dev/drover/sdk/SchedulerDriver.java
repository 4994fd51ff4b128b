package dev.drover.sdk;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The calls a framework makes to the master. Obtain one from {@link DroverSchedulerDriver#builder}.
 *
 * <p><b>Threading.</b> Every method is thread-safe and non-blocking: it validates its arguments in the caller's thread
 * (throwing {@link IllegalArgumentException} or {@link NullPointerException}) and then enqueues the call on the
 * driver's thread, which sends it in the order enqueued. Calls made after the driver terminated are ignored (logged).
 *
 * <p><b>While disconnected</b> (between {@link Scheduler#disconnected} and the next {@link Scheduler#reregistered},
 * and before the first {@link Scheduler#registered}):
 * <ul>
 *   <li>{@link #kill}, {@link #acknowledge}, {@link #reconcile} and {@link #teardown} are queued and sent, in order,
 *       right after the next subscription; they are not lost unless the driver stops first.</li>
 *   <li>{@link #launch} is not sent: each task is answered at once, through {@link Scheduler#statusUpdate}, with
 *       TASK_DROPPED (reason {@code REASON_INVALID_OFFERS}). The same happens, while connected, for offers that are
 *       no longer outstanding (already used, declined, rescinded, or from before a disconnect).</li>
 *   <li>{@link #decline} is dropped (the offer is void anyway).</li>
 *   <li>{@link #suppress} and {@link #revive} set the desired state, which the next SUBSCRIBE carries.</li>
 * </ul>
 *
 * <p><b>Back-pressure.</b> There is none at the API: calls are queued without bound on the driver's thread (and, while
 * disconnected, in the driver until the next subscription) and handed to gRPC, whose flow control buffers them. Events
 * are delivered one callback at a time, so a slow callback delays every later event; one that takes longer than three
 * heartbeat intervals may make the driver treat the stream as lost. Batch work (one {@link #launch} per offer with
 * many tasks, one {@link #reconcile} with many tasks) rather than issuing thousands of calls in a loop.
 */
public interface SchedulerDriver {

  /**
   * Connects and subscribes; returns at once. Callbacks start arriving on the driver's thread.
   *
   * @throws IllegalStateException when called twice, or after {@link #stop}
   */
  void start();

  /**
   * Launches tasks on the resources of one or more offers, all from one agent. The offers are used up: resources
   * not used by the tasks return to the master. An empty task list just releases the offers.
   */
  void launch(Collection<String> offerIds, List<TaskSpec> tasks);

  /** Launches tasks on one offer. */
  default void launch(String offerId, List<TaskSpec> tasks) {
    launch(List.of(offerId), tasks);
  }

  /** Declines an offer; the master does not offer its resources to this framework again for {@code refuse}. */
  void decline(String offerId, Duration refuse);

  /** Declines an offer with the master's default filter (5 s). */
  default void decline(String offerId) {
    decline(offerId, Duration.ofSeconds(5));
  }

  /** Kills a task whose agent is not known to the framework. */
  default void kill(String taskId) {
    kill(taskId, Optional.empty());
  }

  /** Kills a task on an agent (SIGTERM, then SIGKILL after the task's grace period). */
  void kill(String taskId, Optional<String> agentId);

  /**
   * Acknowledges a status update, so the agent stops re-sending it. Only needed with implicit acknowledgements
   * disabled; with them enabled, and for updates without a uuid, this does nothing.
   */
  void acknowledge(TaskStatus status);

  /**
   * Asks for the latest status of the given tasks (explicit reconciliation) or, when {@code tasks} is empty, of all
   * the framework's tasks the master knows (implicit). Answers arrive as {@link Scheduler#statusUpdate} with reason
   * {@code REASON_RECONCILIATION}.
   */
  void reconcile(Collection<TaskRef> tasks);

  /** Clears offer filters and resumes offers for all the framework's roles. */
  void revive();

  /** Stops offers for all the framework's roles until {@link #revive}; also across re-subscriptions. */
  void suppress();

  /**
   * Ends the connection but leaves the framework registered: its tasks keep running for the failover timeout, and a
   * new driver built with the same {@link DroverSchedulerDriver.Builder#frameworkId} can resume it. Queued calls are
   * discarded. No callback runs afterwards. {@link #terminated()} completes normally.
   */
  default void stop() {
    stop(true);
  }

  /** {@code stop(true)} is {@link #stop()}; {@code stop(false)} is {@link #teardown()}. */
  void stop(boolean failover);

  /**
   * Ends the framework: the master kills its tasks and forgets it. Sent at once when subscribed, otherwise after the
   * next subscription (the driver keeps reconnecting until then); a driver that never subscribed just stops.
   * {@link #terminated()} completes once TEARDOWN was sent.
   */
  default void teardown() {
    stop(false);
  }

  /**
   * Completes when the driver has stopped: normally after {@link #stop} or {@link #teardown}, exceptionally with
   * {@link FrameworkRemovedException} when the master removed the framework. Dependent actions run on the driver's
   * thread unless an executor is given.
   */
  CompletableFuture<Void> terminated();

  /** The framework id once known (given to the builder, or assigned at the first subscription). */
  Optional<String> frameworkId();

  /** Whether the driver is subscribed right now. */
  boolean isSubscribed();
}
