package dev.drover.master.framework;

import dev.drover.master.offer.Offer;
import dev.drover.master.task.TaskStatus;
import java.time.Duration;
import java.util.List;

/**
 * The master's side of one framework connection. Called only from the master's serial loop; implementations must
 * not block and must serialise their writes.
 */
public interface FrameworkChannel {
  void subscribed(String frameworkId, Duration heartbeatInterval, String masterId);

  void offers(List<Offer> offers);

  void rescind(String offerId);

  void update(TaskStatus status);

  void heartbeat();

  /** A FAILURE event: the agent was lost (unreachable or removed); its tasks' updates follow separately. */
  default void agentFailure(String agentId) {}

  /** Sends an ERROR event and ends the stream. */
  void error(String message);

  /** Ends the stream with UNAVAILABLE and this description. */
  void fail(String description);
}
