package dev.drover.jobs.engine;

import dev.drover.jobs.job.RunSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.model.Resources;
import dev.drover.sdk.Command;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.placement.Assignment;
import dev.drover.sdk.placement.Constraint;
import dev.drover.sdk.placement.Fitness;
import dev.drover.sdk.placement.Instance;
import dev.drover.sdk.placement.Placement;
import dev.drover.sdk.placement.PlacementRequest;
import dev.drover.sdk.placement.PlacementResult;
import dev.drover.sdk.placement.Unplaced;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The runs waiting for an offer, in arrival order, and their launch from the held offers. A pass runs once after all
 * the ticks due at one instant have fired (so 1,000 runs at one tick are placed together), and again whenever offers
 * arrive. Not thread-safe: part of the engine loop.
 */
final class Launches {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Launches.class);
  private static final Duration REVIVE_EVERY = Duration.ofSeconds(1);

  private final JobsEngine engine;
  private final Cluster cluster;
  private final OfferBook offers = new OfferBook();
  private final LinkedHashSet<String> queue = new LinkedHashSet<>();
  private final Map<String, String> unplaced = new HashMap<>();
  private final Placement placement = Placement.using(Fitness.SPREAD);
  private boolean passPlanned;
  private Instant lastRevive = Instant.EPOCH;

  Launches(JobsEngine engine, Cluster cluster) {
    this.engine = engine;
    this.cluster = cluster;
  }

  OfferBook offers() {
    return offers;
  }

  void enqueue(String jobId, String runId) {
    queue.add(JobsEngine.key(jobId, runId));
    if (!passPlanned) {
      passPlanned = true;
      engine.schedule("launch-pass", engine.now(), this::launchPass);
    }
  }

  void dequeue(String jobId, String runId) {
    String k = JobsEngine.key(jobId, runId);
    queue.remove(k);
    unplaced.remove(k);
  }

  void launchPass() {
    passPlanned = false;
    if (queue.isEmpty()) {
      return;
    }
    if (offers.isEmpty()) {
      if (queue.size() >= 50) {
        LOG.info("{} runs queued and no offer held; reviving", queue.size());
      }
      revive();
      return;
    }
    List<PlacementRequest> requests = new ArrayList<>();
    Map<String, String> keyOfTask = new HashMap<>();
    Map<String, List<Instance>> existing = new HashMap<>();
    for (String k : List.copyOf(queue)) {
      String[] p = k.split("/", 2);
      JobState s = engine.jobs().get(p[0]);
      JobRun r = s == null ? null : s.runs().get(p[1]);
      if (r == null || !r.queued()) {
        queue.remove(k);
        continue;
      }
      RunSpec spec = s.spec().run();
      PlacementRequest req = PlacementRequest.of(r.taskId(), p[0], Resources.of(spec.cpus(), spec.mem(), spec.disk()));
      for (List<String> c : spec.constraints()) {
        req = req.with(Constraint.parse(c));
      }
      requests.add(req);
      keyOfTask.put(r.taskId(), k);
      existing.computeIfAbsent(p[0], x -> instances(s));
    }
    Instant began = engine.now();
    Map<String, List<String>> idsOf = new HashMap<>();
    PlacementResult result = placement.place(requests, offers.mergedPerAgent(idsOf), existing);
    Instant now = engine.now();
    result.byOffer().forEach((offerId, assigned) -> {
      List<TaskSpec> tasks = new ArrayList<>();
      for (Assignment a : assigned) {
        String k = keyOfTask.get(a.request().id());
        String[] p = k.split("/", 2);
        JobState s = engine.jobs().get(p[0]);
        JobRun r = s.runs().get(p[1]);
        tasks.add(taskSpec(s, r, a));
        JobRun launched = r.launched(a.offer().agentId(), a.offer().hostname(), now);
        engine.commit(s.withRun(launched), false);
        queue.remove(k);
        unplaced.remove(k);
        engine.listenerRun(r, launched);
      }
      List<String> ids = idsOf.getOrDefault(offerId, List.of(offerId));
      ids.forEach(offers::remove);
      cluster.launch(ids, tasks);
    });
    for (Unplaced u : result.unplaced()) {
      unplaced.put(keyOfTask.get(u.request().id()), u.reasons().isEmpty() ? "no offer fits"
          : String.join("; ", new LinkedHashMap<>(u.reasons()).entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue()).toList()));
    }
    if (result.assignments().size() >= 50) {
      LOG.info("Launched {} runs on {} agents in {} ms ({} offers held before; {} runs still queued)",
          result.assignments().size(), result.byOffer().size(), Duration.between(began, engine.now()).toMillis(),
          idsOf.values().stream().mapToInt(List::size).sum(), queue.size());
    }
    if (!queue.isEmpty()) {
      revive();
    }
  }

  /**
   * Keeps the offers the ticks within the hold window need (their runs' cpus, mem and disk, summed) and declines the
   * rest with a short refuse, so jobs ticking every few seconds do not hold every offer from other frameworks. All
   * are kept while a run waits to be placed.
   */
  void maybeDecline() {
    if (!queue.isEmpty()) {
      return;
    }
    double cpus = 0;
    double mem = 0;
    double disk = 0;
    for (String jobId : engine.jobsDueBefore(engine.now().plus(OfferBook.HOLD_WINDOW))) {
      JobState s = engine.jobs().get(jobId);
      if (s != null) {
        cpus += s.spec().run().cpus();
        mem += s.spec().run().mem();
        disk += s.spec().run().disk();
      }
    }
    for (Offer o : offers.beyond(cpus, mem, disk)) {
      cluster.decline(o.id(), OfferBook.SHORT_REFUSE);
    }
  }

  Map<JobRun, String> queued() {
    Map<JobRun, String> out = new LinkedHashMap<>();
    for (String k : queue) {
      String[] p = k.split("/", 2);
      JobState s = engine.jobs().get(p[0]);
      JobRun r = s == null ? null : s.runs().get(p[1]);
      if (r != null) {
        out.put(r, unplaced.getOrDefault(k, offers.isEmpty() ? "waiting for offers" : "not placed yet"));
      }
    }
    return out;
  }

  private void revive() {
    if (Duration.between(lastRevive, engine.now()).compareTo(REVIVE_EVERY) >= 0) {
      lastRevive = engine.now();
      cluster.revive();
    }
  }

  private static List<Instance> instances(JobState s) {
    List<Instance> out = new ArrayList<>();
    for (JobRun r : s.runs().values()) {
      if (r.isActive() && !r.queued() && r.agentId() != null) {
        out.add(new Instance(r.agentId(), r.hostname() == null ? "" : r.hostname(), Map.of()));
      }
    }
    return out;
  }

  private static TaskSpec taskSpec(JobState s, JobRun r, Assignment a) {
    RunSpec spec = s.spec().run();
    TaskSpec.Builder b = TaskSpec.builder(r.taskId()).name(s.spec().id()).resources(a.resources())
        .env(spec.env()).label("drover.jobId", s.spec().id()).label("drover.runId", r.id());
    if (spec.cmd() != null && !spec.cmd().isBlank()) {
      b.command(Command.shell(spec.cmd()));
    } else if (!spec.args().isEmpty()) {
      b.command(Command.argv(spec.args().toArray(String[]::new)));
    } else {
      b.command(new Command.None());
    }
    if (spec.dockerImage() != null) {
      b.docker(DockerSpec.of(spec.dockerImage()));
    }
    if (spec.user() != null) {
      b.user(spec.user());
    }
    return b.build();
  }
}
