package dev.drover.jobs.run;

import java.time.Instant;

/**
 * One run of a job. Immutable; {@link RunLifecycle} makes the next one. {@code trigger} is {@code schedule:<id>},
 * {@code manual} or {@code dependency}; {@code scheduledAt} is the tick (null for other triggers); {@code attempt}
 * counts launches (the task id is {@code <jobId>_<runId>_<attempt>}); {@code queued} says it waits for an offer;
 * {@code stopping} holds the reason of a requested stop until its task ends. Times are null until they happen.
 */
public record JobRun(String id, String jobId, String trigger, Instant createdAt, Instant scheduledAt,
    RunStatus status, int attempt, boolean queued, String agentId, String hostname, Instant launchedAt,
    Instant startedAt, Instant finishedAt, Integer exitCode, String reason, Instant retryAt, String stopping) {

  /** A fresh run in INITIAL. */
  public static JobRun initial(String id, String jobId, String trigger, Instant createdAt, Instant scheduledAt) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, RunStatus.INITIAL, 0, false, null, null, null,
        null, null, null, null, null, null);
  }

  public String taskId() {
    return taskId(jobId, id, attempt);
  }

  public static String taskId(String jobId, String runId, int attempt) {
    return jobId + "_" + runId + "_" + attempt;
  }

  /** [jobId, runId, attempt] of a task id made by {@link #taskId()}, or null if it is not one. */
  public static String[] parseTaskId(String taskId) {
    String[] p = taskId.split("_");
    return p.length == 3 ? p : null;
  }

  public boolean isActive() {
    return status == RunStatus.STARTING || status == RunStatus.ACTIVE;
  }

  JobRun with(RunStatus s) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, s, attempt, queued, agentId, hostname, launchedAt,
        startedAt, finishedAt, exitCode, reason, retryAt, stopping);
  }

  JobRun queued(boolean q, int nextAttempt, Instant retry) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, nextAttempt, q, agentId, hostname,
        launchedAt, startedAt, finishedAt, exitCode, reason, retry, stopping);
  }

  public JobRun launched(String agent, String host, Instant at) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, attempt, false, agent, host, at,
        startedAt, finishedAt, exitCode, reason, null, stopping);
  }

  /** Waiting for an offer again with the same attempt (its launch was dropped before it reached an agent). */
  public JobRun requeued() {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, attempt, true, null, null, null,
        startedAt, finishedAt, exitCode, reason, null, stopping);
  }

  JobRun started(Instant at) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, attempt, queued, agentId, hostname,
        launchedAt, startedAt == null ? at : startedAt, finishedAt, exitCode, reason, retryAt, stopping);
  }

  JobRun ended(RunStatus s, Instant at, Integer exit, String why) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, s, attempt, false, agentId, hostname, launchedAt,
        startedAt, at, exit, why, null, stopping);
  }

  JobRun stopping(String why) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, attempt, queued, agentId, hostname,
        launchedAt, startedAt, finishedAt, exitCode, reason, retryAt, why);
  }

  JobRun failedAttempt(Integer exit, String why) {
    return new JobRun(id, jobId, trigger, createdAt, scheduledAt, status, attempt, queued, agentId, hostname,
        launchedAt, startedAt, finishedAt, exit, why, retryAt, stopping);
  }
}
