package dev.drover.jobs.engine;

import dev.drover.jobs.job.ConcurrencyPolicy;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.job.ScheduleSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunEffect;
import dev.drover.jobs.run.RunEvent;
import dev.drover.jobs.run.RunLifecycle;
import dev.drover.jobs.run.RunStatus;
import dev.drover.jobs.run.Transition;
import dev.drover.jobs.store.JobRepository;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.toolkit.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs framework's state and logic: job definitions, the trigger engine (arming each tick ahead of time, firing
 * it on time, recording MISSED ticks), the run lifecycle (concurrency policies, starting and active deadlines,
 * retries), dependencies, and the launch of queued runs from held offers.
 *
 * <p><b>Threading.</b> Not thread-safe: exactly one thread (the service's loop, or a test) calls every method, and
 * the injected {@link Timer} must run its tasks on that same thread. Time comes only from the timer.
 *
 * <p><b>Persistence.</b> Persist, then apply: every durable change (a job written or deleted, a tick armed together
 * with its run, a run finished, a retry planned, dependency state) is written through the {@link JobRepository}
 * before memory changes. A run's launch and its RUNNING state are not written; a new leader learns them by
 * reconciliation ({@link #subscribed}). A failed write throws and leaves memory unchanged.
 */
public final class JobsEngine {
  private static final Logger LOG = LoggerFactory.getLogger(JobsEngine.class);
  static final Duration HOUSEKEEPING = Duration.ofSeconds(5);

  private final Timer timer;
  private final JobRepository repo;
  private final Cluster cluster;
  private final EngineListener listener;
  private final TreeMap<String, JobState> jobs = new TreeMap<>();
  private final Timers timers;
  private final Ticks ticks;
  private final Launches launches;
  private final TaskUpdates updates;
  private final Catalog catalog;

  /**
   * @param lookahead how long before its tick a scheduled run is armed (written); covers the write latency so the
   *     run launches at the tick itself
   */
  public JobsEngine(Timer timer, JobRepository repo, Cluster cluster, EngineListener listener, Duration lookahead) {
    this.timer = timer;
    this.timers = new Timers(timer);
    this.repo = repo;
    this.cluster = cluster;
    this.listener = listener;
    this.ticks = new Ticks(this, lookahead);
    this.launches = new Launches(this, cluster);
    this.updates = new TaskUpdates(this, timer);
    this.catalog = new Catalog(this);
  }

  /** Called when a write finds that another instance wrote the state (this one no longer leads). */
  public void onFenced(Runnable r) {
    timers.onFenced(r);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Loads the stored jobs and resumes their schedules; runs in flight wait for {@link #subscribed}. */
  public void load() {
    for (JobState s : repo.loadAll()) {
      jobs.put(s.spec().id(), s);
      catalog.link(s.spec());
    }
    Instant now = now();
    for (JobState s : jobs.values()) {
      for (JobRun r : s.runs().values()) {
        updates.recover(s.spec().id(), r, now);
      }
      ticks.planAll(s.spec().id());
    }
    housekeeping();
    LOG.info("Loaded {} jobs; {} runs wait for reconciliation", jobs.size(), updates.awaiting());
  }

  /** The driver (re)subscribed: held offers are void; ask the master about every run in flight. */
  public void subscribed() {
    launches.offers().drain();
    updates.subscribed();
  }

  /** The driver lost the master: held offers are void, reconciliation pauses. */
  public void disconnected() {
    launches.offers().drain();
    updates.disconnected();
  }

  private void housekeeping() {
    schedule("housekeeping", now().plus(HOUSEKEEPING), () -> {
      launches.maybeDecline();
      housekeeping();
    });
  }

  /** Cancels every timer; the engine must not be used afterwards. */
  public void stop() {
    timers.cancelAll();
  }

  // ---------------------------------------------------------------- jobs

  public JobState create(JobSpec spec) {
    return catalog.create(spec);
  }

  /** Replaces a job's definition; its schedules too unless {@code keepSchedules}. Changed schedules restart now. */
  public JobState update(JobSpec spec, boolean keepSchedules) {
    return catalog.update(spec, keepSchedules);
  }

  /** Deletes a job; with active runs only when {@code stopRuns} (their tasks are killed). */
  public void delete(String jobId, boolean stopRuns) {
    catalog.delete(jobId, stopRuns);
  }

  // ---------------------------------------------------------------- runs

  /** Starts a run now (POST /v1/jobs/{id}/runs); FORBID with an active run is refused with 409. */
  public JobRun startNow(String jobId) {
    JobState s = require(jobId);
    List<JobRun> active = s.activeRuns();
    if (s.spec().defaultPolicy() == ConcurrencyPolicy.FORBID && !active.isEmpty()) {
      throw new Rejected(409, "FORBID: run " + active.get(0).id() + " still active");
    }
    JobRun run = create(jobId, "manual", null);
    fire(jobId, run.id());
    return jobs.get(jobId).runs().getOrDefault(run.id(), run);
  }

  /** Stops a run (its task is killed; it ends FAILED with the reason). */
  public JobRun stopRun(String jobId, String runId) {
    JobState s = require(jobId);
    JobRun r = s.runs().get(runId);
    if (r == null) {
      throw Rejected.notFound("active run '" + runId + "' of job '" + jobId + "'");
    }
    apply(jobId, runId, new RunEvent.Stop("stopped by operator"));
    JobState after = jobs.get(jobId);
    return after.runs().getOrDefault(runId, find(after, runId).orElse(r));
  }

  /** A new INITIAL run, written (with the job's run counter) before it exists in memory. */
  private JobRun create(String jobId, String trigger, Instant scheduledAt) {
    JobState s = jobs.get(jobId).nextSeq();
    JobRun run = JobRun.initial(Ticks.RUN_ID.format(now()) + "-" + s.runSeq(), jobId, trigger, now(), scheduledAt);
    commit(s.withRun(run), true);
    listener.run(null, run);
    return run;
  }

  /** The tick (or start) of an INITIAL run: starting deadline, then the concurrency policy, then Start. */
  void fire(String jobId, String runId) {
    String key = key(jobId, runId);
    ticks.done(key);
    JobState s = jobs.get(jobId);
    JobRun run = s == null ? null : s.runs().get(runId);
    if (run == null || run.status() != RunStatus.INITIAL) {
      return;
    }
    Optional<ScheduleSpec> sc = Optional.ofNullable(scheduleOf(run)).flatMap(s.spec()::schedule);
    if (run.scheduledAt() != null) {
      Instant deadline = run.scheduledAt().plusSeconds(sc.map(ScheduleSpec::startingDeadlineSeconds).orElse(900L));
      if (now().isAfter(deadline)) {
        apply(jobId, runId, new RunEvent.StartingDeadlinePassed());
        return;
      }
      atInstant("startdl", deadline, jobId, runId);
    }
    ConcurrencyPolicy policy = sc.map(ScheduleSpec::concurrencyPolicy).orElse(s.spec().defaultPolicy());
    List<JobRun> others = s.activeRuns().stream().filter(r -> !r.id().equals(runId)).toList();
    if (policy == ConcurrencyPolicy.FORBID && !others.isEmpty()) {
      apply(jobId, runId, new RunEvent.Skip("FORBID: run " + others.get(0).id() + " still active"));
      return;
    }
    if (policy == ConcurrencyPolicy.REPLACE) {
      for (JobRun o : others) {
        apply(jobId, o.id(), new RunEvent.Stop("REPLACE: replaced by run " + runId));
      }
    }
    if (!jobs.get(jobId).parentsSucceeded().isEmpty()) {
      commit(jobs.get(jobId).withParents(Set.of()), true);  // "since the child's last run"
    }
    apply(jobId, runId, new RunEvent.Start());
    runTimers(jobId, jobs.get(jobId).runs().get(runId));
  }

  void runTimers(String jobId, JobRun r) {
    long ads = jobs.get(jobId).spec().run().activeDeadlineSeconds();
    if (r != null && ads > 0) {
      schedule("deadline:" + key(jobId, r.id()), RunLifecycle.startOf(r).plusSeconds(ads),
          () -> apply(jobId, r.id(), new RunEvent.Stop(RunLifecycle.ACTIVE_DEADLINE)));
    }
  }

  /** Feeds an event to a run's state machine, persists if durable, applies, then carries out the effects. */
  void apply(String jobId, String runId, RunEvent event) {
    JobState s = jobs.get(jobId);
    JobRun run = s == null ? null : s.runs().get(runId);
    if (run == null) {
      return;
    }
    Transition t = RunLifecycle.on(run, event, now(), s.spec().run());
    if (t.run().equals(run) && t.effects().isEmpty()) {
      return;
    }
    commit(staged(s, t), durable(t));
    carryOut(jobId, run, t);
  }

  static JobState staged(JobState s, Transition t) {
    JobState next = s.withRun(t.run());
    for (RunEffect e : t.effects()) {
      if (e instanceof RunEffect.Finished f) {
        next = next.finished(f.run());
      }
    }
    return next;
  }

  static boolean durable(Transition t) {
    return t.effects().stream().anyMatch(e -> e instanceof RunEffect.Finished || e instanceof RunEffect.RetryAt);
  }

  /** After the transition was applied: tell the listener, then carry out its effects. */
  void carryOut(String jobId, JobRun before, Transition t) {
    String runId = before.id();
    if (!t.run().equals(before)) {
      listener.run(before, t.run());
    }
    for (RunEffect e : t.effects()) {
      if (e instanceof RunEffect.Queue) {
        ticks.done(key(jobId, runId));
        launches.enqueue(jobId, runId);
      } else if (e instanceof RunEffect.Kill k) {
        cluster.kill(k.taskId());
      } else if (e instanceof RunEffect.RetryAt r) {
        launches.dequeue(jobId, runId);
        ticks.waitFor(key(jobId, runId), r.at());  // hold offers for it
        schedule("retry:" + key(jobId, runId), r.at(), () -> apply(jobId, runId, new RunEvent.Start()));
      } else if (e instanceof RunEffect.Finished f) {
        forgetRun(jobId, runId);
        if (f.run().status() == RunStatus.SUCCESS) {
          parentSucceeded(jobId);
        }
      }
    }
  }

  /** Chronos' rule: a child runs once each of its parents has succeeded since the child's last run. */
  private void parentSucceeded(String parent) {
    for (String childId : catalog.childrenOf(parent)) {
      JobState child = jobs.get(childId);
      if (child == null) {
        continue;
      }
      Set<String> done = child.parentsPlus(parent);
      if (done.containsAll(child.spec().dependencies())) {
        commit(child.withParents(Set.of()), true);
        JobRun run = create(child.spec().id(), "dependency", null);
        fire(child.spec().id(), run.id());
      } else {
        commit(child.withParents(done), true);
      }
    }
  }

  // ---------------------------------------------------------------- the cluster

  public void resourceOffers(List<Offer> offers) {
    launches.offers().add(offers);
    launches.launchPass();
    launches.maybeDecline();
  }

  public void offerRescinded(String offerId) {
    launches.offers().remove(offerId);
  }

  /**
   * Several status updates at once (what arrived while the loop was busy): updates of launched runs are staged,
   * the documents they change are written together (in parallel), then applied and acknowledged; any other update
   * goes through {@link #statusUpdate} on its own, in order. An update whose write failed is not acknowledged (the
   * agent sends it again).
   */
  public void statusUpdates(List<TaskStatus> batch) {
    updates.batch(batch);
  }

  /** A task status: reconciliation answers first, then the run's state machine; acknowledged once applied. */
  public void statusUpdate(TaskStatus st) {
    updates.one(st);
  }

  // ---------------------------------------------------------------- reads

  public Map<String, JobState> jobs() {
    return java.util.Collections.unmodifiableMap(jobs);
  }

  public JobState job(String jobId) {
    return require(jobId);
  }

  /** Runs waiting for an offer, with why the held offers did not fit them (when known). */
  public Map<JobRun, String> queue() {
    return launches.queued();
  }

  public Instant now() {
    return timer.now();
  }

  public static Optional<JobRun> find(JobState s, String runId) {
    return java.util.stream.Stream.of(s.runs().values(), s.successful(), s.failed()).flatMap(Collection::stream)
        .filter(r -> r.id().equals(runId)).findFirst();
  }

  // ---------------------------------------------------------------- internals

  EngineListener listener() {
    return listener;
  }

  /** Removes a job from memory (after it was deleted from the store). */
  void drop(String jobId) {
    jobs.remove(jobId);
  }

  JobRepository repo() {
    return repo;
  }

  Cluster cluster() {
    return cluster;
  }

  Launches launches() {
    return launches;
  }

  Ticks ticks() {
    return ticks;
  }

  void listenerRun(JobRun before, JobRun after) {
    listener.run(before, after);
  }

  JobState require(String jobId) {
    JobState s = jobs.get(jobId);
    if (s == null) {
      throw Rejected.notFound("job '" + jobId + "'");
    }
    return s;
  }

  /** Persist (when durable), then apply. */
  void commit(JobState next, boolean durable) {
    if (durable) {
      repo.save(next);
    }
    jobs.put(next.spec().id(), next);
  }

  /** Persists several jobs' documents at once, then applies those written; returns them. */
  List<JobState> commitAll(List<JobState> next) {
    List<JobState> written = repo.saveAll(next);
    written.forEach(s -> jobs.put(s.spec().id(), s));
    return written;
  }

  /** See {@link Ticks#jobsDueBefore}. */
  List<String> jobsDueBefore(Instant until) {
    return ticks.jobsDueBefore(until);
  }



  void forgetRun(String jobId, String runId) {
    String key = key(jobId, runId);
    ticks.done(key);
    launches.dequeue(jobId, runId);
    for (String kind : List.of("fire:", "deadline:", "retry:")) {
      cancel(kind + key);
    }
  }

  static String scheduleOf(JobRun r) {
    return r.trigger().startsWith("schedule:") ? r.trigger().substring("schedule:".length()) : null;
  }

  static String key(String a, String b) {
    return a + "/" + b;
  }

  /**
   * Runs a per-run action at {@code at}, with every other run's action of the same kind due at that instant, under
   * one timer. {@code kind}: {@code fire} (the run's tick) or {@code startdl} (its starting deadline). A run that has
   * moved on is left alone by either action.
   */
  void atInstant(String kind, Instant at, String jobId, String runId) {
    timers.inGroup(kind, at, () -> atInstantDue(kind, at, jobId, runId),
        () -> launches.offers().size() + " offers held");
  }

  private void atInstantDue(String kind, Instant at, String jobId, String runId) {
    JobState s = jobs.get(jobId);
    JobRun r = s == null ? null : s.runs().get(runId);
    if (r == null || r.scheduledAt() == null) {
      return;
    }
    if (kind.equals("fire") && r.scheduledAt().equals(at)) {
      fire(jobId, runId);
    } else if (kind.equals("startdl") && r.scheduledAt().isBefore(at)) {
      apply(jobId, runId, new RunEvent.StartingDeadlinePassed());
    }
  }

  void schedule(String key, Instant at, Runnable task) {
    timers.schedule(key, at, task);
  }

  void cancel(String key) {
    timers.cancel(key);
  }
}
