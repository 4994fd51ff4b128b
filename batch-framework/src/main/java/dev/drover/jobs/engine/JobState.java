package dev.drover.jobs.engine;

import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Drover keeps about one job, persisted as one document so that a schedule's last fired tick and the run
 * it created are written together: the definition, each schedule's last fired tick, the runs not yet finished, the
 * bounded history (newest first), the unbounded summary, the parents that succeeded since the job's last run, and
 * the run counter. Immutable.
 */
public record JobState(JobSpec spec, Map<String, Instant> lastFired, Map<String, JobRun> runs,
    List<JobRun> successful, List<JobRun> failed, Summary summary, Set<String> parentsSucceeded, long runSeq) {

  /** Counts kept beyond the history limits. */
  public record Summary(long successCount, long failureCount, long missedCount, Instant lastSuccessAt,
      Instant lastFailureAt, Instant lastMissedAt) {
    static final Summary EMPTY = new Summary(0, 0, 0, null, null, null);

    Summary count(JobRun r) {
      Instant at = r.finishedAt();
      return switch (r.status()) {
        case SUCCESS -> new Summary(successCount + 1, failureCount, missedCount, at, lastFailureAt, lastMissedAt);
        case FAILED -> new Summary(successCount, failureCount + 1, missedCount, lastSuccessAt, at, lastMissedAt);
        case MISSED -> new Summary(successCount, failureCount, missedCount + 1, lastSuccessAt, lastFailureAt, at);
        default -> this;
      };
    }
  }

  static JobState fresh(JobSpec spec, Instant now) {
    Map<String, Instant> fired = new LinkedHashMap<>();
    spec.schedules().forEach(s -> fired.put(s.id(), now));
    return new JobState(spec, Map.copyOf(fired), Map.of(), List.of(), List.of(), Summary.EMPTY, Set.of(), 0);
  }

  JobState withSpec(JobSpec next, Map<String, Instant> fired) {
    return new JobState(next, Map.copyOf(fired), runs, trim(successful, next.successfulHistoryLimit()),
        trim(failed, next.failedHistoryLimit()), summary, parentsSucceeded, runSeq);
  }

  JobState withRun(JobRun r) {
    Map<String, JobRun> m = new LinkedHashMap<>(runs);
    m.put(r.id(), r);
    return new JobState(spec, lastFired, Map.copyOf(m), successful, failed, summary, parentsSucceeded, runSeq);
  }

  JobState withoutRun(String runId) {
    Map<String, JobRun> m = new LinkedHashMap<>(runs);
    m.remove(runId);
    return new JobState(spec, lastFired, Map.copyOf(m), successful, failed, summary, parentsSucceeded, runSeq);
  }

  /** A new run id, unique within the job: the creation time (UTC, to the second) and a counter. */
  JobState nextSeq() {
    return new JobState(spec, lastFired, runs, successful, failed, summary, parentsSucceeded, runSeq + 1);
  }

  JobState fired(String scheduleId, Instant tick) {
    Map<String, Instant> m = new LinkedHashMap<>(lastFired);
    m.put(scheduleId, tick);
    return new JobState(spec, Map.copyOf(m), runs, successful, failed, summary, parentsSucceeded, runSeq);
  }

  JobState withParents(Set<String> parents) {
    return new JobState(spec, lastFired, runs, successful, failed, summary, Set.copyOf(parents), runSeq);
  }

  /** Moves a finished run into history (bounded; oldest dropped) and counts it in the summary. */
  JobState finished(JobRun done) {
    Map<String, JobRun> m = new LinkedHashMap<>(runs);
    m.remove(done.id());
    List<JobRun> ok = successful;
    List<JobRun> bad = failed;
    if (done.status() == RunStatus.SUCCESS) {
      ok = trim(prepend(done, successful), spec.successfulHistoryLimit());
    } else {
      bad = trim(prepend(done, failed), spec.failedHistoryLimit());
    }
    return new JobState(spec, lastFired, Map.copyOf(m), ok, bad, summary.count(done), parentsSucceeded, runSeq);
  }

  /** Runs that are STARTING or ACTIVE (armed INITIAL ticks do not count for concurrency). */
  List<JobRun> activeRuns() {
    return runs.values().stream().filter(JobRun::isActive).toList();
  }

  Set<String> parentsPlus(String parent) {
    Set<String> s = new LinkedHashSet<>(parentsSucceeded);
    s.add(parent);
    return s;
  }

  private static List<JobRun> prepend(JobRun r, List<JobRun> list) {
    List<JobRun> out = new ArrayList<>(list.size() + 1);
    out.add(r);
    out.addAll(list);
    return out;
  }

  private static List<JobRun> trim(List<JobRun> list, int limit) {
    return list.size() <= limit ? List.copyOf(list) : List.copyOf(list.subList(0, limit));
  }
}
