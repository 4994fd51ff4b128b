package dev.drover.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's checks on the health executor, each on its own schedule: first after its {@code delay}, then every
 * {@code interval}, never two runs of one check at once. Each check's results go through its own
 * {@link HealthTracker}; a {@link HealthVerdict} combines them (healthy when all are, unhealthy as soon as one is),
 * and each change of the task's health goes to {@code onChange} (which must bring it back to the agent loop).
 * Thread-safe; {@link #stop} is final.
 */
public final class HealthChecker {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  /** One check of the task and the probe that runs it. */
  public record Check(HealthCheckSpec spec, BooleanSupplier probe) {
    public Check {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(probe, "probe");
    }
  }

  private final String task;
  private final List<Check> checks;
  private final List<HealthTracker> trackers = new ArrayList<>();
  private final HealthVerdict verdict;
  private final Clock clock;
  private final Instant started;
  private final Consumer<Boolean> onChange;
  private final List<ScheduledFuture<?>> futures = new ArrayList<>();
  private volatile boolean stopped;

  public HealthChecker(String task, List<Check> checks, Clock clock, Instant started, Consumer<Boolean> onChange) {
    this.task = task;
    this.checks = List.copyOf(checks);
    this.checks.forEach(c -> trackers.add(new HealthTracker(c.spec().consecutiveFailures(), c.spec().gracePeriod())));
    this.verdict = new HealthVerdict(this.checks.size());
    this.clock = clock;
    this.started = started;
    this.onChange = onChange;
  }

  /** A task with a single check. */
  public HealthChecker(String task, HealthCheckSpec spec, BooleanSupplier probe, Clock clock, Instant started,
      Consumer<Boolean> onChange) {
    this(task, List.of(new Check(spec, probe)), clock, started, onChange);
  }

  public synchronized HealthChecker start(ScheduledExecutorService executor) {
    for (int i = 0; i < checks.size(); i++) {
      HealthCheckSpec spec = checks.get(i).spec();
      int index = i;
      LOG.info("Task {}: {} health check {} every {} ms after {} ms", task, spec.type(), i,
          spec.interval().toMillis(), spec.delay().toMillis());
      futures.add(executor.scheduleWithFixedDelay(() -> runOnce(index), spec.delay().toMillis(),
          spec.interval().toMillis(), TimeUnit.MILLISECONDS));
    }
    return this;
  }

  public synchronized void stop() {
    stopped = true;
    futures.forEach(f -> f.cancel(false));
  }

  /** Runs check {@code index} once; a probe that throws counts as a failure. */
  void runOnce(int index) {
    if (stopped) {
      return;
    }
    boolean ok;
    try {
      ok = checks.get(index).probe().getAsBoolean();
    } catch (RuntimeException e) {
      LOG.debug("Task {}: health check {} threw {}", task, index, e.toString());
      ok = false;
    }
    record(index, ok);
  }

  private synchronized void record(int index, boolean ok) {
    if (stopped) {
      return;
    }
    trackers.get(index).record(ok, Duration.between(started, clock.instant()))
        .flatMap(checkHealthy -> {
          LOG.info("Task {}: health check {} is now {}", task, index, checkHealthy ? "passing" : "failing");
          return verdict.update(index, checkHealthy);
        })
        .ifPresent(healthy -> {
          LOG.info("Task {} is now {}", task, healthy ? "healthy" : "unhealthy");
          onChange.accept(healthy);
        });
  }
}
