package dev.drover.jobs.run;

import dev.drover.jobs.job.RunSpec;
import dev.drover.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The run state machine as one table: {@link #on} takes a run, an event and the time, and returns the next run and
 * the effects to carry out. Pure (no clock, no I/O); stateless and thread-safe.
 *
 * <pre>
 * INITIAL  + Start                  → STARTING (attempt 1, queued)        [Queue]
 * INITIAL  + Stop                   → FAILED (reason)                     [Finished]
 * INITIAL  + StartingDeadlinePassed → MISSED                              [Finished]
 * INITIAL  + Skip                   → MISSED (reason, e.g. FORBID)        [Finished]
 * STARTING + Start (retry due)      → STARTING (queued)                   [Queue]
 * STARTING + StartingDeadlinePassed → MISSED, if still waiting for its first launch  [Finished]
 * STARTING + Task STAGING/STARTING  → STARTING (agent noted)
 * STARTING + Task RUNNING           → ACTIVE
 * STARTING/ACTIVE + Task FINISHED   → SUCCESS                             [Finished]
 * STARTING/ACTIVE + Task failed     → STARTING (next attempt, retryAt) when ON_FAILURE allows  [RetryAt]
 *                                   → FAILED otherwise (also when it was being stopped)        [Finished]
 * STARTING/ACTIVE + Stop            → FAILED (reason) when no task is out [Finished]; else stopping [Kill]
 * terminal + anything               → unchanged
 * </pre>
 */
public final class RunLifecycle {
  public static final String STARTING_DEADLINE = "not launched within startingDeadlineSeconds";
  public static final String ACTIVE_DEADLINE = "active deadline exceeded";

  private RunLifecycle() {}

  public static Transition on(JobRun run, RunEvent event, Instant now, RunSpec spec) {
    return switch (run.status()) {
      case INITIAL -> initial(run, event, now);
      case STARTING, ACTIVE -> live(run, event, now, spec);
      case SUCCESS, FAILED, MISSED -> Transition.stay(run);
    };
  }

  /** When a run counts as started: its tick, or its creation for a run no schedule made. */
  public static Instant startOf(JobRun run) {
    return run.scheduledAt() != null ? run.scheduledAt() : run.createdAt();
  }

  /** The delay before attempt {@code failed + 1}: 1 s doubling per failed attempt, at most {@code max}. */
  public static Duration backoff(int failed, Duration max) {
    Duration d = Duration.ofSeconds(1L << Math.min(30, Math.max(0, failed - 1)));
    return d.compareTo(max) > 0 ? max : d;
  }

  private static Transition initial(JobRun run, RunEvent event, Instant now) {
    if (event instanceof RunEvent.Start) {
      JobRun next = run.with(RunStatus.STARTING).queued(true, 1, null);
      return new Transition(next, List.of(new RunEffect.Queue(run.id())));
    }
    if (event instanceof RunEvent.Stop s) {
      return finish(run.ended(RunStatus.FAILED, now, null, s.reason()));
    }
    if (event instanceof RunEvent.StartingDeadlinePassed) {
      return finish(run.ended(RunStatus.MISSED, now, null, STARTING_DEADLINE));
    }
    if (event instanceof RunEvent.Skip s) {
      return finish(run.ended(RunStatus.MISSED, now, null, s.reason()));
    }
    return Transition.stay(run);
  }

  private static Transition live(JobRun run, RunEvent event, Instant now, RunSpec spec) {
    boolean taskOut = !run.queued() && run.retryAt() == null && run.launchedAt() != null;
    if (event instanceof RunEvent.Start) {
      return run.retryAt() != null
          ? new Transition(run.queued(true, run.attempt(), null), List.of(new RunEffect.Queue(run.id())))
          : Transition.stay(run);
    }
    if (event instanceof RunEvent.StartingDeadlinePassed) {
      return run.queued() && run.attempt() == 1
          ? finish(run.ended(RunStatus.MISSED, now, null, STARTING_DEADLINE))
          : Transition.stay(run);
    }
    if (event instanceof RunEvent.Skip) {
      return Transition.stay(run);
    }
    if (event instanceof RunEvent.Stop s) {
      return taskOut
          ? new Transition(run.stopping(s.reason()), List.of(new RunEffect.Kill(run.taskId())))
          : finish(run.ended(RunStatus.FAILED, now, null, s.reason()));
    }
    return task(run, (RunEvent.TaskUpdate) event, now, spec);
  }

  private static Transition task(JobRun run, RunEvent.TaskUpdate u, Instant now, RunSpec spec) {
    TaskState s = u.state();
    if (s == TaskState.RUNNING) {
      return Transition.stay(run.with(RunStatus.ACTIVE).started(now));
    }
    if (!s.isTerminal()) {
      return Transition.stay(run);
    }
    if (s == TaskState.FINISHED) {
      return finish(run.ended(RunStatus.SUCCESS, now, u.exitCode() == null ? 0 : u.exitCode(), null));
    }
    String why = run.stopping() != null ? run.stopping()
        : "task " + s.name() + (u.message() == null || u.message().isBlank() ? "" : ": " + u.message());
    if (run.stopping() == null && retryAllowed(run, now, spec)) {
      Instant at = now.plus(backoff(run.attempt(), Duration.ofSeconds(spec.maxLaunchDelaySeconds())));
      JobRun next = run.failedAttempt(u.exitCode(), why).with(RunStatus.STARTING)
          .queued(false, run.attempt() + 1, at);
      return new Transition(next, List.of(new RunEffect.RetryAt(run.id(), at)));
    }
    return finish(run.ended(RunStatus.FAILED, now, u.exitCode(), why));
  }

  private static boolean retryAllowed(JobRun run, Instant now, RunSpec spec) {
    if (spec.restartPolicy() != RunSpec.RestartPolicy.ON_FAILURE) {
      return false;
    }
    return spec.restartDeadlineSeconds() <= 0
        || now.isBefore(startOf(run).plusSeconds(spec.restartDeadlineSeconds()));
  }

  private static Transition finish(JobRun done) {
    return new Transition(done, List.of(new RunEffect.Finished(done)));
  }
}
