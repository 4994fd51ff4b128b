package dev.drover.jobs.mesos;

import dev.drover.jobs.engine.EngineLoop;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK callbacks of the jobs framework: each one only enqueues a command onto the engine loop (the one writer).
 * Status updates are acknowledged explicitly by the engine, after what they changed was written.
 */
public final class JobsScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(JobsScheduler.class);

  private final EngineLoop loop;
  private final JobsEngine engine;
  private final AtomicReference<String> frameworkId = new AtomicReference<>();

  public JobsScheduler(EngineLoop loop, JobsEngine engine) {
    this.loop = loop;
    this.engine = engine;
  }

  public String frameworkId() {
    return frameworkId.get();
  }

  @Override
  public void registered(SchedulerDriver driver, String id, String masterId) {
    LOG.info("Jobs framework registered as {} with master {}", id, masterId);
    frameworkId.set(id);
    loop.execute(engine::subscribed);
  }

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    LOG.info("Jobs framework re-registered with master {}", masterId);
    loop.execute(engine::subscribed);
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    loop.execute(() -> engine.resourceOffers(offers));
  }

  @Override
  public void offerRescinded(SchedulerDriver driver, String offerId) {
    loop.execute(() -> engine.offerRescinded(offerId));
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    loop.execute(() -> engine.statusUpdate(status));
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    LOG.error("Jobs framework error from the master: {}", message);
  }
}
