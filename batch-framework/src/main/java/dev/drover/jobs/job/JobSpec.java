package dev.drover.jobs.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job definition: Metronome's v1 job with its schedules embedded, plus Drover's {@code dependencies} (parent job
 * ids) and {@code historyLimits} (how many successful and failed finished runs are kept). Immutable.
 */
public record JobSpec(String id, String description, Map<String, String> labels, RunSpec run,
    List<ScheduleSpec> schedules, List<String> dependencies, int successfulHistoryLimit, int failedHistoryLimit) {

  public Optional<ScheduleSpec> schedule(String scheduleId) {
    return schedules.stream().filter(s -> s.id().equals(scheduleId)).findFirst();
  }

  public JobSpec withSchedules(List<ScheduleSpec> next) {
    return new JobSpec(id, description, labels, run, List.copyOf(next), dependencies, successfulHistoryLimit,
        failedHistoryLimit);
  }

  /** The policy for a start that no schedule made (manual or dependency): the first schedule's, else ALLOW. */
  public ConcurrencyPolicy defaultPolicy() {
    return schedules.isEmpty() ? ConcurrencyPolicy.ALLOW : schedules.get(0).concurrencyPolicy();
  }
}
