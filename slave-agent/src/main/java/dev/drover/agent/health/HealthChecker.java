package dev.drover.agent.health;

import dev.drover.agent.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's checks on the health executor, each on its own schedule: first after its {@code delay}, then
 * {@code interval} after the previous run ended, never two runs of one check at once. Each check's results go through its own
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
  private final List<Scheduler.Cancellable> next = new ArrayList<>();
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

  /**
   * Runs each check first after its {@code delay}, then {@code interval} after the end of its previous run, on
   * {@code timer} (whose tasks may block for a probe's timeout: not the agent loop).
   */
  public synchronized HealthChecker start(Scheduler timer) {
    for (int i = 0; i < checks.size(); i++) {
      HealthCheckSpec spec = checks.get(i).spec();
      LOG.info("Task {}: {} health check {} every {} ms after {} ms", task, spec.type(), i,
          spec.interval().toMillis(), spec.delay().toMillis());
      next.add(null);
      schedule(timer, i, spec.delay());
    }
    return this;
  }

  private synchronized void schedule(Scheduler timer, int index, Duration after) {
    if (!stopped) {
      next.set(index, timer.schedule(after, () -> {
        runOnce(index);
        schedule(timer, index, checks.get(index).spec().interval());
      }));
    }
  }

  public synchronized void stop() {
    stopped = true;
    next.stream().filter(Objects::nonNull).forEach(Scheduler.Cancellable::cancel);
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
