package dev.drover.sdk;

import java.util.List;

/**
 * What a framework author implements: the callbacks through which a {@link SchedulerDriver} reports what the master
 * says.
 *
 * <p><b>Threading.</b> Every callback of one driver runs on that driver's single dedicated thread (named
 * {@code drover-scheduler-<framework name>}), one at a time and in the order the master sent the events. Callbacks
 * never overlap, so an implementation needs no locking for state touched only from callbacks. The driver also does
 * its own bookkeeping on that thread (reconnection, heartbeat checks), so a callback must not block for long: hand
 * slow work to another executor. Never wait on {@link SchedulerDriver#terminated()} inside a callback.
 *
 * <p><b>Order.</b> {@link #registered} comes first, once, when this driver first subscribes (also when it resumes an
 * existing framework id); no offer or update arrives before it. After a connection is lost, {@link #disconnected} is
 * called once, then, when the driver has re-subscribed (with the same framework id, possibly to a new leading
 * master), {@link #reregistered}. Offers received before a disconnect are void afterwards. No callback runs after
 * {@link SchedulerDriver#stop} has taken effect or after {@link SchedulerDriver#terminated()} completed.
 *
 * <p><b>Failures.</b> An exception thrown by a callback is logged and otherwise ignored; the driver keeps going. If
 * {@link #statusUpdate} throws, the update is not implicitly acknowledged, so the agent will send it again.
 *
 * <p>Driver methods called from a callback only enqueue work; it is carried out after the callback returns.
 */
public interface Scheduler {

  /**
   * The driver subscribed for the first time.
   *
   * @param frameworkId the framework's id, assigned by the master (or the one the driver resumed); persist it to
   *     resume the framework after this process fails over
   * @param masterId the id of the leading master
   */
  void registered(SchedulerDriver driver, String frameworkId, String masterId);

  /** The driver re-subscribed with the same framework id after {@link #disconnected}, possibly to a new master. */
  default void reregistered(SchedulerDriver driver, String masterId) {}

  /** New offers. Each is valid until launched on, declined, rescinded, or the driver disconnects. */
  void resourceOffers(SchedulerDriver driver, List<Offer> offers);

  /** The master took an offer back; launching on it now yields TASK_DROPPED. */
  default void offerRescinded(SchedulerDriver driver, String offerId) {}

  /**
   * A task's status changed, or a reconciliation answer arrived. With implicit acknowledgements (the default) the
   * driver acknowledges the update after this method returns normally.
   */
  void statusUpdate(SchedulerDriver driver, TaskStatus status);

  /** The master lost an agent; status updates for its tasks follow. */
  default void agentLost(SchedulerDriver driver, String agentId) {}

  /**
   * The connection to the master was lost (the master failed or lost leadership, the stream failed, or no heartbeat
   * arrived in time). The driver is already reconnecting; outstanding offers are void.
   */
  default void disconnected(SchedulerDriver driver) {}

  /**
   * The master reported an error. If the framework was torn down or is unknown to the master, the driver stops and
   * {@link SchedulerDriver#terminated()} completes exceptionally with {@link FrameworkRemovedException}; otherwise it
   * reconnects.
   */
  default void error(SchedulerDriver driver, String message) {}
}
