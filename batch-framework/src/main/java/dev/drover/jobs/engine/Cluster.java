package dev.drover.jobs.engine;

import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What the engine asks of the cluster: the SchedulerDriver calls it needs, so that tests can record them. Calls must
 * not block; the engine calls them from its loop.
 */
public interface Cluster {
  /** Launches tasks on one or more offers, all of one agent (they are used up). */
  void launch(Collection<String> offerIds, List<TaskSpec> tasks);

  void kill(String taskId);

  void decline(String offerId, Duration refuse);

  void revive();

  void reconcile(Collection<TaskRef> tasks);

  void acknowledge(TaskStatus status);
}
