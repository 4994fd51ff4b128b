package dev.drover.jobs.run;

import java.time.Instant;

/** What the engine must do after a run changed; carried out by the engine, never by {@link RunLifecycle}. */
public sealed interface RunEffect {
  /** Find an offer and launch the run's current attempt. */
  record Queue(String runId) implements RunEffect {}

  /** Kill a task. */
  record Kill(String taskId) implements RunEffect {}

  /** Start the run's next attempt at {@code at} (a retry with backoff). */
  record RetryAt(String runId, Instant at) implements RunEffect {}

  /** The run is over: move it to history, tell dependents. */
  record Finished(JobRun run) implements RunEffect {}
}
