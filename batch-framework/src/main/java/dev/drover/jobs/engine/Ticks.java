package dev.drover.jobs.engine;

import dev.drover.jobs.job.ScheduleSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunEvent;
import dev.drover.jobs.run.RunLifecycle;
import dev.drover.jobs.schedule.Trigger;
import dev.drover.jobs.schedule.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger engine: plans each enabled schedule's next tick after its last fired one, arms it {@code lookahead}
 * ahead (one write stores the schedule's new last tick together with the tick's INITIAL run; all ticks armed at
 * one instant are written together, in parallel), and fires it at its time. Ticks already past their starting
 * deadline when planned (a leader gap) are recorded MISSED instead. Not thread-safe: part of the engine loop.
 */
final class Ticks {
  private static final Logger LOG = LoggerFactory.getLogger(Ticks.class);
  static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final int MAX_MISSED_PER_WRITE = 1000;
  private static final Duration RETRY_ARM = Duration.ofSeconds(1);

  private record Planned(String jobId, String scheduleId, Instant tick) {}

  private final JobsEngine engine;
  private final Duration lookahead;
  private final Map<String, Trigger> triggers = new HashMap<>();
  private final Map<String, Planned> planned = new HashMap<>();       // schedule key → its next tick
  private final TreeMap<Instant, Set<String>> armAt = new TreeMap<>();  // when to arm → schedule keys
  private final Map<String, Instant> armed = new HashMap<>();          // run key → tick (or retry time)
  private Instant sweepAt;

  Ticks(JobsEngine engine, Duration lookahead) {
    this.engine = engine;
    this.lookahead = lookahead;
  }

  void planAll(String jobId) {
    JobState s = engine.jobs().get(jobId);
    if (s != null) {
      s.spec().schedules().forEach(sc -> planNext(jobId, sc.id()));
    }
  }

  /** Forgets a schedule's plan (it changed or went away). */
  void forget(String jobId, String sid) {
    String k = JobsEngine.key(jobId, sid);
    triggers.remove(k);
    unplan(k);
  }

  /** Remembers an instant a run waits for (its tick, or its retry), so offers are held for it. */
  void waitFor(String runKey, Instant at) {
    armed.put(runKey, at);
  }

  void done(String runKey) {
    armed.remove(runKey);
  }

  /**
   * A job id for each planned tick, armed run or retry before {@code until} (a job ticking twice counts twice): what
   * the held offers must cover.
   */
  List<String> jobsDueBefore(Instant until) {
    List<String> out = new ArrayList<>();
    planned.values().stream().filter(p -> p.tick().isBefore(until)).forEach(p -> out.add(p.jobId()));
    armed.forEach((runKey, at) -> {
      if (at.isBefore(until)) {
        out.add(runKey.substring(0, runKey.indexOf('/')));
      }
    });
    return out;
  }

  /** Plans the schedule's next tick after its last fired one; ticks already past their deadline become MISSED. */
  void planNext(String jobId, String sid) {
    String k = JobsEngine.key(jobId, sid);
    unplan(k);
    while (true) {
      JobState s = engine.jobs().get(jobId);
      Optional<ScheduleSpec> sc = s == null ? Optional.empty() : s.spec().schedule(sid);
      if (sc.isEmpty() || !sc.get().enabled()) {
        return;
      }
      Trigger trigger = triggers.computeIfAbsent(k, x -> Triggers.parse(sc.get().cron(), sc.get().timezone()));
      Optional<Instant> next = trigger.nextAfter(s.lastFired().getOrDefault(sid, engine.now()));
      if (next.isEmpty()) {
        return;
      }
      if (!next.get().plusSeconds(sc.get().startingDeadlineSeconds()).isBefore(engine.now())) {
        Planned p = new Planned(jobId, sid, next.get());
        planned.put(k, p);
        armAt.computeIfAbsent(p.tick().minus(lookahead), x -> new LinkedHashSet<>()).add(k);
        wake();
        return;
      }
      recordMissed(s, sc.get(), trigger, next.get());
    }
  }

  private void unplan(String k) {
    Planned p = planned.remove(k);
    if (p != null) {
      Set<String> at = armAt.get(p.tick().minus(lookahead));
      if (at != null) {
        at.remove(k);
        if (at.isEmpty()) {
          armAt.remove(p.tick().minus(lookahead));
        }
      }
    }
  }

  private void wake() {
    if (armAt.isEmpty()) {
      return;
    }
    Instant first = armAt.firstKey();
    if (sweepAt == null || first.isBefore(sweepAt)) {
      sweepAt = first;
      engine.schedule("arm-sweep", first, this::sweep);
    }
  }

  /** Arms every tick due now, writing them all (in parallel), then sets their fire timers and plans the next. */
  private void sweep() {
    sweepAt = null;
    while (!armAt.isEmpty() && !armAt.firstKey().isAfter(engine.now())) {
      List<Planned> due = new ArrayList<>();
      for (String k : armAt.pollFirstEntry().getValue()) {
        Planned p = planned.remove(k);
        if (p != null) {
          due.add(p);
        }
      }
      arm(due);
    }
    wake();
  }

  private void arm(List<Planned> due) {
    Map<String, JobState> staged = new HashMap<>();
    Map<String, List<JobRun>> runs = new HashMap<>();
    for (Planned p : due) {
      JobState s = staged.getOrDefault(p.jobId(), engine.jobs().get(p.jobId()));
      if (s == null || s.lastFired().getOrDefault(p.scheduleId(), Instant.MAX).compareTo(p.tick()) >= 0) {
        continue;
      }
      JobState next = s.nextSeq();
      JobRun run = JobRun.initial(RUN_ID.format(p.tick()) + "-" + next.runSeq(), p.jobId(),
          "schedule:" + p.scheduleId(), engine.now(), p.tick());
      staged.put(p.jobId(), next.withRun(run).fired(p.scheduleId(), p.tick()));  // the tick and its run, together
      runs.computeIfAbsent(p.jobId(), x -> new ArrayList<>()).add(run);
    }
    Set<String> written = new HashSet<>();
    Instant t0 = engine.now();
    for (JobState s : engine.commitAll(new ArrayList<>(staged.values()))) {
      written.add(s.spec().id());
    }
    if (staged.size() >= 50) {
      LOG.info("Armed {} ticks (written in {} ms)", staged.size(), Duration.between(t0, engine.now()).toMillis());
    }
    for (Planned p : due) {
      if (!staged.containsKey(p.jobId())) {
        continue;
      }
      if (!written.contains(p.jobId())) {
        LOG.warn("could not arm tick {} of {}; retrying", p.tick(), JobsEngine.key(p.jobId(), p.scheduleId()));
        String k = JobsEngine.key(p.jobId(), p.scheduleId());
        planned.put(k, p);
        armAt.computeIfAbsent(engine.now().plus(RETRY_ARM), x -> new LinkedHashSet<>()).add(k);
        continue;
      }
      for (JobRun run : runs.getOrDefault(p.jobId(), List.of())) {
        if (run.trigger().equals("schedule:" + p.scheduleId())) {
          engine.listenerRun(null, run);
          String key = JobsEngine.key(p.jobId(), run.id());
          armed.put(key, p.tick());
          engine.atInstant("fire", p.tick(), p.jobId(), run.id());
        }
      }
      planNext(p.jobId(), p.scheduleId());
    }
  }

  private void recordMissed(JobState s, ScheduleSpec sc, Trigger trigger, Instant first) {
    JobState next = s;
    Instant tick = first;
    List<JobRun> missed = new ArrayList<>();
    for (int i = 0; i < MAX_MISSED_PER_WRITE && tick != null
        && tick.plusSeconds(sc.startingDeadlineSeconds()).isBefore(engine.now()); i++) {
      next = next.nextSeq();
      JobRun m = JobRun.initial(RUN_ID.format(tick) + "-" + next.runSeq(), s.spec().id(), "schedule:" + sc.id(),
          engine.now(), tick);
      m = RunLifecycle.on(m, new RunEvent.Skip(RunLifecycle.STARTING_DEADLINE + " (no leader at the tick)"),
          engine.now(), s.spec().run()).run();
      next = next.finished(m).fired(sc.id(), tick);
      missed.add(m);
      tick = trigger.nextAfter(tick).orElse(null);
    }
    engine.commit(next, true);
    missed.forEach(m -> engine.listenerRun(null, m));
  }
}
