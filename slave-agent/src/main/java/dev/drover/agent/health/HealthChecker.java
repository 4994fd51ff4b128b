package dev.drover.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task's check on the health executor: first after {@code delay}, then every {@code interval}, never two
 * at once; feeds results to a {@link HealthTracker} and hands each health change to {@code onChange} (which must
 * bring it back to the agent loop). Thread-safe; {@link #stop} is final.
 */
public final class HealthChecker {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  private final String task;
  private final HealthCheckSpec spec;
  private final BooleanSupplier probe;
  private final HealthTracker tracker;
  private final Clock clock;
  private final Instant started;
  private final Consumer<Boolean> onChange;
  private volatile ScheduledFuture<?> future;
  private volatile boolean stopped;

  public HealthChecker(String task, HealthCheckSpec spec, BooleanSupplier probe, Clock clock, Instant started,
      Consumer<Boolean> onChange) {
    this.task = task;
    this.spec = spec;
    this.probe = probe;
    this.tracker = new HealthTracker(spec.consecutiveFailures(), spec.gracePeriod());
    this.clock = clock;
    this.started = started;
    this.onChange = onChange;
  }

  public HealthChecker start(ScheduledExecutorService executor) {
    LOG.info("Task {}: {} health check every {} ms after {} ms", task, spec.type(), spec.interval().toMillis(),
        spec.delay().toMillis());
    future = executor.scheduleWithFixedDelay(this::runOnce, spec.delay().toMillis(), spec.interval().toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  public void stop() {
    stopped = true;
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
  }

  private void runOnce() {
    if (stopped) {
      return;
    }
    boolean ok;
    try {
      ok = probe.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.debug("Task {}: health check threw {}", task, e.toString());
      ok = false;
    }
    if (stopped) {
      return;
    }
    boolean result = ok;
    tracker.record(ok, Duration.between(started, clock.instant())).ifPresent(healthy -> {
      LOG.info("Task {} is now {} (last check {})", task, healthy ? "healthy" : "unhealthy",
          result ? "passed" : "failed");
      onChange.accept(healthy);
    });
  }
}
