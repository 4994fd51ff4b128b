package dev.drover.jobs.job;

/** What a schedule (or a manual start) does when the job already has an active run. */
public enum ConcurrencyPolicy {
  /** Start the new run alongside the active ones. */
  ALLOW,
  /** Skip the new run; it is recorded as MISSED with the active run named in the reason. */
  FORBID,
  /** Stop the active runs, then start the new one. */
  REPLACE
}
