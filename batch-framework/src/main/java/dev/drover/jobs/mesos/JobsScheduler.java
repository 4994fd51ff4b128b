package dev.drover.jobs.mesos;

import dev.drover.jobs.engine.EngineLoop;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK callbacks of the jobs framework: each one only enqueues a command onto the engine loop (the one writer).
 * Status updates are acknowledged explicitly by the engine, after what they changed was written; updates that
 * arrive while the loop is busy are handed over as one batch.
 */
public final class JobsScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(JobsScheduler.class);
  private static final int MAX_BATCH = 256;  // small enough that a tick due meanwhile waits for one batch at most

  private final EngineLoop loop;
  private final JobsEngine engine;
  private final AtomicReference<String> frameworkId = new AtomicReference<>();
  private final ConcurrentLinkedQueue<TaskStatus> statuses = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

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
  public void disconnected(SchedulerDriver driver) {
    LOG.info("Jobs framework lost the master; it reconnects by itself");
    loop.execute(engine::disconnected);
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
    statuses.add(status);
    if (draining.compareAndSet(false, true)) {
      loop.execute(this::drain);
    }
  }

  /** Hands every update that arrived meanwhile to the engine as one batch (its writes go out together). */
  private void drain() {
    draining.set(false);
    List<TaskStatus> batch = new ArrayList<>();
    for (TaskStatus s; batch.size() < MAX_BATCH && (s = statuses.poll()) != null; ) {
      batch.add(s);
    }
    if (!statuses.isEmpty() && draining.compareAndSet(false, true)) {
      loop.execute(this::drain);
    }
    engine.statusUpdates(batch);
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    LOG.error("Jobs framework error from the master: {}", message);
  }
}
