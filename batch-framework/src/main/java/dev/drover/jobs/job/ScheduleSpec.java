package dev.drover.jobs.job;

/**
 * One schedule of a job, as Metronome's v1 JSON has it. {@code cron} is a 5-field UNIX cron, a 6-field cron whose
 * first field is seconds, or an ISO 8601 repeating interval {@code R[n]/start/period}; {@code timezone} is a
 * java.time zone id.
 */
public record ScheduleSpec(String id, String cron, String timezone, long startingDeadlineSeconds,
    ConcurrencyPolicy concurrencyPolicy, boolean enabled) {

  public ScheduleSpec withEnabled(boolean on) {
    return new ScheduleSpec(id, cron, timezone, startingDeadlineSeconds, concurrencyPolicy, on);
  }
}
