package dev.drover.jobs.engine;

import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunEvent;
import dev.drover.jobs.run.RunLifecycle;
import dev.drover.jobs.run.RunStatus;
import dev.drover.jobs.run.Transition;
import dev.drover.model.TaskState;
import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.toolkit.TaskReconciler;
import dev.drover.sdk.toolkit.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task status updates and reconciliation for the engine: which runs a new leader must ask the master about, the
 * answers (adopt a launched task, or start a run whose task was never launched), and the updates of running tasks,
 * one by one or as a batch whose writes go out together. Not thread-safe: part of the engine loop.
 */
final class TaskUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(TaskUpdates.class);

  private final JobsEngine engine;
  private final Map<String, String> awaiting = new LinkedHashMap<>();
  private final TaskReconciler reconciler;

  TaskUpdates(JobsEngine engine, Timer timer) {
    this.engine = engine;
    // The SDK's reconciliation: explicit rounds with back-off for every task whose fate matters, then an implicit one
    // (tasks the engine does not know are killed in one()), again every 10 minutes. Its timer runs on the loop.
    this.reconciler = new TaskReconciler(refs -> engine.cluster().reconcile(refs), this::known, timer,
        Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The tasks to ask about: runs a new leader has not heard of yet, and every launched run in flight. */
  private List<TaskRef> known() {
    Set<String> ids = new LinkedHashSet<>(awaiting.keySet());
    for (JobState s : engine.jobs().values()) {
      for (JobRun r : s.runs().values()) {
        if (r.isActive() && r.taskId() != null && r.launchedAt() != null) {
          ids.add(r.taskId());
        }
      }
    }
    return ids.stream().map(TaskRef::of).toList();
  }

  void recover(String jobId, JobRun r, Instant now) {
    String key = JobsEngine.key(jobId, r.id());
    if (r.status() == RunStatus.INITIAL && r.scheduledAt() != null && r.scheduledAt().isAfter(now)) {
      engine.ticks().waitFor(key, r.scheduledAt());
      engine.schedule("fire:" + key, r.scheduledAt(), () -> engine.fire(jobId, r.id()));
      return;
    }
    if (r.status() == RunStatus.STARTING && r.retryAt() != null) {
      engine.schedule("retry:" + key, r.retryAt(), () -> engine.apply(jobId, r.id(), new RunEvent.Start()));
      return;
    }
    awaiting.put(r.status() == RunStatus.INITIAL ? JobRun.taskId(jobId, r.id(), 1) : r.taskId(), key);
    if (r.isActive()) {
      engine.runTimers(jobId, r);
    }
  }

  /** The driver (re)subscribed: a reconciliation round starts now. */
  void subscribed() {
    reconciler.subscribed();
  }

  /** The driver lost the master: no asking until it subscribes again. */
  void disconnected() {
    reconciler.disconnected();
  }

  int awaiting() {
    return awaiting.size();
  }

  void batch(List<TaskStatus> batch) {
    Map<String, JobState> staged = new LinkedHashMap<>();
    Set<String> durableJobs = new HashSet<>();
    Map<String, List<Runnable>> after = new LinkedHashMap<>();
    for (TaskStatus st : batch) {
      String[] p = JobRun.parseTaskId(st.taskId());
      JobState s = p == null ? null : staged.getOrDefault(p[0], engine.jobs().get(p[0]));
      JobRun run = s == null ? null : s.runs().get(p[1]);
      boolean simple = run != null && !awaiting.containsKey(st.taskId()) && run.isActive() && !run.queued()
          && st.state() != TaskState.DROPPED
          && run.launchedAt() != null && run.retryAt() == null && p[2].equals(Integer.toString(run.attempt()));
      if (!simple) {
        flush(staged, durableJobs, after);
        one(st);
        continue;
      }
      reconciler.statusUpdate(st);
      String jobId = p[0];
      Transition t = RunLifecycle.on(run, taskUpdate(st), engine.now(), s.spec().run());
      staged.put(jobId, JobsEngine.staged(s, t));
      if (JobsEngine.durable(t)) {
        durableJobs.add(jobId);
      }
      after.computeIfAbsent(jobId, x -> new ArrayList<>()).add(() -> {
        engine.carryOut(jobId, run, t);
        engine.cluster().acknowledge(st);
      });
    }
    flush(staged, durableJobs, after);
  }

  private void flush(Map<String, JobState> staged, Set<String> durableJobs, Map<String, List<Runnable>> after) {
    if (staged.isEmpty()) {
      return;
    }
    List<JobState> toWrite = staged.values().stream().filter(x -> durableJobs.contains(x.spec().id())).toList();
    Set<String> written = new HashSet<>();
    Instant t0 = engine.now();
    engine.repo().saveAll(toWrite).forEach(x -> written.add(x.spec().id()));
    if (toWrite.size() >= 50) {
      LOG.info("Wrote {} finished runs in {} ms", toWrite.size(), java.time.Duration.between(t0, engine.now())
          .toMillis());
    }
    Set<String> failed = new HashSet<>(durableJobs);
    failed.removeAll(written);
    staged.forEach((jobId, next) -> {
      if (!failed.contains(jobId)) {
        engine.commit(next, false);
      }
    });
    after.forEach((jobId, actions) -> {
      if (!failed.contains(jobId)) {
        actions.forEach(Runnable::run);
      }
    });
    staged.clear();
    durableJobs.clear();
    after.clear();
  }

  private static RunEvent.TaskUpdate taskUpdate(TaskStatus st) {
    return new RunEvent.TaskUpdate(st.state(), st.exitCode().isPresent() ? st.exitCode().getAsInt() : null,
        st.message(), st.agentId());
  }

  void one(TaskStatus st) {
    reconciler.statusUpdate(st);
    String[] p = JobRun.parseTaskId(st.taskId());
    boolean answer = awaiting.remove(st.taskId()) != null;
    JobState s = p == null ? null : engine.jobs().get(p[0]);
    JobRun run = s == null ? null : s.runs().get(p[1]);
    int expected = run == null ? -1 : run.status() == RunStatus.INITIAL ? 1 : run.attempt();
    if (run == null || !p[2].equals(Integer.toString(expected))) {
      if (!st.state().isTerminal()) {
        LOG.info("Killing task {}: it belongs to no run in flight", st.taskId());
        engine.cluster().kill(st.taskId());
      }
      engine.cluster().acknowledge(st);
      return;
    }
    String jobId = p[0];
    boolean unknownToMaster = answer && st.state().isTerminal() && st.source() == TaskStatus.Source.MASTER
        && run.launchedAt() == null;
    if (unknownToMaster) {
      if (run.status() == RunStatus.INITIAL) {
        engine.fire(jobId, run.id());  // the previous leader never launched it
      } else if (run.retryAt() == null) {
        engine.launches().enqueue(jobId, run.id());
      }
      engine.cluster().acknowledge(st);
      return;
    }
    if (st.state() == TaskState.DROPPED && !answer && run.isActive() && run.stopping() == null
        && run.retryAt() == null) {
      LOG.info("Launch of {} was dropped ({}); queueing it again", st.taskId(), st.message());
      engine.commit(s.withRun(run.requeued()), false);
      engine.launches().enqueue(jobId, run.id());
      engine.cluster().acknowledge(st);
      return;
    }
    if (run.status() == RunStatus.INITIAL) {
      JobRun adopted = RunLifecycle.on(run, new RunEvent.Start(), engine.now(), s.spec().run()).run()
          .launched(st.agentId(), null, engine.now());
      engine.ticks().done(JobsEngine.key(jobId, run.id()));
      engine.cancel("fire:" + JobsEngine.key(jobId, run.id()));
      engine.commit(s.withRun(adopted), false);
      engine.runTimers(jobId, adopted);
    } else if (run.queued() || run.launchedAt() == null) {
      JobRun adopted = run.launched(st.agentId(), run.hostname(), engine.now());
      engine.launches().dequeue(jobId, run.id());
      engine.commit(s.withRun(adopted), false);
    }
    engine.apply(jobId, run.id(), taskUpdate(st));
    engine.cluster().acknowledge(st);
  }
}
