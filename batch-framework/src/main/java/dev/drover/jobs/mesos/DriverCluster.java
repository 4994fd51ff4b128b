package dev.drover.jobs.mesos;

import dev.drover.jobs.engine.Cluster;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** {@link Cluster} over the SDK's driver (whose calls are non-blocking and thread-safe). */
public final class DriverCluster implements Cluster {
  private volatile SchedulerDriver driver;

  /** Set once the driver is built (it needs the scheduler, which needs the engine, which needs this). */
  public void driver(SchedulerDriver d) {
    this.driver = d;
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    driver.launch(offerIds, tasks);
  }

  @Override
  public void kill(String taskId) {
    driver.kill(taskId);
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    driver.decline(offerId, refuse);
  }

  @Override
  public void revive() {
    driver.revive();
  }

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    driver.reconcile(tasks);
  }

  @Override
  public void acknowledge(TaskStatus status) {
    if (status.needsAcknowledgement()) {
      driver.acknowledge(status);
    }
  }
}
