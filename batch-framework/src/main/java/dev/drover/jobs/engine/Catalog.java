package dev.drover.jobs.engine;

import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.job.ScheduleSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Job definitions for the engine: create, update (changed schedules restart from now; their armed ticks are
 * dropped) and delete, with the dependency graph checked first and its parent → children index kept. Not
 * thread-safe: part of the engine loop.
 */
final class Catalog {
  private final JobsEngine engine;
  private final Map<String, Set<String>> children = new HashMap<>();

  Catalog(JobsEngine engine) {
    this.engine = engine;
  }

  /** A stored job's parents, or null when there is no such job. */
  private List<String> parentsOf(String jobId) {
    JobState s = engine.jobs().get(jobId);
    return s == null ? null : s.spec().dependencies();
  }

  List<String> childrenOf(String parent) {
    return List.copyOf(children.getOrDefault(parent, Set.of()));
  }

  void link(JobSpec spec) {
    spec.dependencies().forEach(p -> children.computeIfAbsent(p, x -> new HashSet<>()).add(spec.id()));
  }

  private void unlink(JobSpec spec) {
    spec.dependencies().forEach(p -> {
      Set<String> c = children.get(p);
      if (c != null) {
        c.remove(spec.id());
      }
    });
  }

  JobState create(JobSpec spec) {
    if (engine.jobs().containsKey(spec.id())) {
      throw new Rejected(409, "job '" + spec.id() + "' already exists");
    }
    Dag.check(this::parentsOf, spec);
    JobState s = JobState.fresh(spec, engine.now());
    engine.commit(s, true);
    link(spec);
    engine.listener().job("created", spec);
    engine.ticks().planAll(spec.id());
    return s;
  }

  JobState update(JobSpec spec, boolean keepSchedules) {
    JobState old = engine.require(spec.id());
    JobSpec next = keepSchedules ? spec.withSchedules(old.spec().schedules()) : spec;
    Dag.check(this::parentsOf, next);
    Map<String, Instant> fired = new LinkedHashMap<>();
    JobState s = old;
    for (ScheduleSpec sc : next.schedules()) {
      boolean same = old.spec().schedule(sc.id()).filter(sc::equals).isPresent();
      fired.put(sc.id(), same ? old.lastFired().getOrDefault(sc.id(), engine.now()) : engine.now());
    }
    List<String> dropped = new ArrayList<>();
    for (JobRun r : old.runs().values()) {
      String sid = JobsEngine.scheduleOf(r);
      if (r.status() == RunStatus.INITIAL && sid != null && !fired.containsKey(sid)
          || r.status() == RunStatus.INITIAL && sid != null && !next.schedule(sid).equals(old.spec().schedule(sid))) {
        s = s.withoutRun(r.id());
        dropped.add(r.id());
      }
    }
    s = s.withSpec(next, fired);
    engine.commit(s, true);
    unlink(old.spec());
    link(next);
    for (String runId : dropped) {
      engine.forgetRun(spec.id(), runId);
    }
    for (ScheduleSpec sc : old.spec().schedules()) {
      if (!next.schedule(sc.id()).equals(Optional.of(sc))) {
        engine.ticks().forget(spec.id(), sc.id());
      }
    }
    engine.listener().job("updated", next);
    engine.ticks().planAll(spec.id());
    return engine.jobs().get(spec.id());
  }

  void delete(String jobId, boolean stopRuns) {
    JobState s = engine.require(jobId);
    Set<String> kids = children.getOrDefault(jobId, Set.of());
    if (!kids.isEmpty()) {
      throw new Rejected(409, "jobs " + new TreeSet<>(kids) + " depend on '" + jobId
          + "'; change them first");
    }
    List<JobRun> active = s.activeRuns();
    if (!active.isEmpty() && !stopRuns) {
      throw new Rejected(409, "job '" + jobId + "' has active runs; delete with ?stopCurrentJobRuns=true");
    }
    engine.repo().delete(jobId);
    engine.drop(jobId);
    unlink(s.spec());
    for (JobRun r : s.runs().values()) {
      if (r.isActive() && r.launchedAt() != null && !r.queued()) {
        engine.cluster().kill(r.taskId());
      }
      engine.forgetRun(jobId, r.id());
    }
    for (ScheduleSpec sc : s.spec().schedules()) {
      engine.ticks().forget(jobId, sc.id());
    }
    engine.listener().job("deleted", s.spec());
  }
}
