package dev.drover.jobs.api;

import dev.drover.jobs.engine.EngineListener;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Prometheus metrics of the engine: runs by outcome, and the start slip of scheduled runs (tick → launch sent, tick
 * → RUNNING seen). Called on the engine loop; the registry is thread-safe for scraping.
 */
final class JobsMetrics implements EngineListener {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter started = Counter.builder("drover_jobs_runs_started_total").register(registry);
  private final Counter succeeded = Counter.builder("drover_jobs_runs_succeeded_total").register(registry);
  private final Counter failed = Counter.builder("drover_jobs_runs_failed_total").register(registry);
  private final Counter missed = Counter.builder("drover_jobs_runs_missed_total").register(registry);
  private final Timer toLaunch = Timer.builder("drover_jobs_start_slip_launch_seconds")
      .description("scheduled time to launch sent").publishPercentiles(0.5, 0.99).register(registry);
  private final Timer toRunning = Timer.builder("drover_jobs_start_slip_running_seconds")
      .description("scheduled time to RUNNING seen").publishPercentiles(0.5, 0.99).register(registry);

  @Override
  public void run(JobRun before, JobRun after) {
    if (before != null && before.launchedAt() == null && after.launchedAt() != null) {
      started.increment();
      if (after.scheduledAt() != null && after.attempt() == 1) {
        toLaunch.record(Duration.between(after.scheduledAt(), after.launchedAt()));
      }
    }
    if (before != null && before.status() != RunStatus.ACTIVE && after.status() == RunStatus.ACTIVE
        && after.scheduledAt() != null && after.startedAt() != null && after.attempt() == 1) {
      toRunning.record(Duration.between(after.scheduledAt(), after.startedAt()));
    }
    if (before == null || before.status() != after.status()) {
      switch (after.status()) {
        case SUCCESS -> succeeded.increment();
        case FAILED -> failed.increment();
        case MISSED -> missed.increment();
        default -> { }
      }
    }
  }
}
