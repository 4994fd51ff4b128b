package dev.drover.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.it.cluster.Http;
import dev.drover.it.cluster.InstallLayout;
import dev.drover.it.cluster.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants of issue 11, checked against the layout's public APIs. Violations are collected (with the time
 * and what was seen), never thrown. Convergence checks poll until they hold or their deadline passes; the deadline
 * passing is the violation. Thread-safe for one sampler thread beside the chaos loop (the loop holds
 * {@link #lock} while it changes the workload, so a sample never sees half a change).
 */
final class Invariants {
  static final Duration CONVERGE = Duration.ofSeconds(90);
  final Object lock = new Object();
  private final InstallLayout layout;
  private final Workload workload;
  private final Clock clock;
  private final List<Violation> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> checks = Collections.synchronizedMap(new TreeMap<>());

  Invariants(InstallLayout layout, Workload workload, Clock clock) {
    this.layout = layout;
    this.workload = workload;
    this.clock = clock;
  }

  List<Violation> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  Map<String, Integer> checks() {
    synchronized (checks) {
      return new LinkedHashMap<>(checks);
    }
  }

  void violate(String invariant, String description) {
    Violation v = new Violation(clock.instant(), invariant, description);
    violations.add(v);
    System.out.println("chaos: VIOLATION " + v);
  }

  private void count(String invariant) {
    checks.merge(invariant, 1, Integer::sum);
  }

  /** Running task ids of an app per the apps API, or empty when no instance answers. */
  private Optional<Set<String>> appRunning(String appId) {
    return workload.get(layout.apps, "/v2/apps" + appId + "/tasks").map(j -> {
      Set<String> ids = new HashSet<>();
      j.path("tasks").forEach(t -> {
        if (t.path("state").asText().equals("TASK_RUNNING")) {
          ids.add(t.path("id").asText());
        }
      });
      return ids;
    });
  }

  /**
   * Continuous, while healed: everything acknowledged is in the frameworks' APIs, and no app in a steady state
   * (no deployment) runs more than instances × (1 + maximumOverCapacity).
   */
  void sample(boolean healed) {
    synchronized (lock) {
      Optional<JsonNode> apps = workload.get(layout.apps, "/v2/apps");
      Optional<JsonNode> deployments = workload.get(layout.apps, "/v2/deployments");
      if (apps.isPresent() && deployments.isPresent()) {
        Set<String> deploying = new HashSet<>();
        deployments.get().forEach(d -> d.path("affectedApps").forEach(a -> deploying.add(a.asText())));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        apps.get().path("apps").forEach(a -> byId.put(a.path("id").asText(), a));
        for (Workload.App app : workload.apps.values()) {
          if (!app.created) {
            continue;
          }
          count("acknowledged apps present");
          JsonNode a = byId.get(app.id);
          if (a == null) {
            violate("acknowledged apps present", app.id + " was acknowledged but GET /v2/apps lacks it");
            continue;
          }
          int instances = a.path("instances").asInt();
          count("acknowledged instances kept");
          if (!app.allowed.contains(instances)) {
            violate("acknowledged instances kept", app.id + " has instances " + instances + ", acknowledged "
                + app.allowed);
          }
          if (!healed || deploying.contains(app.id)) {
            continue;
          }
          Optional<Set<String>> running = appRunning(app.id);
          if (running.isPresent()) {
            count("over-capacity");
            int limit = (int) Math.floor(instances * (1 + app.maxOverCapacity) + 1e-9);
            if (running.get().size() > limit) {
              violate("over-capacity", app.id + " runs " + running.get().size() + " > " + instances + " × (1 + "
                  + app.maxOverCapacity + ") with no deployment: " + running.get());
            }
          }
        }
      }
      workload.get(layout.jobs, "/v1/jobs").ifPresent(list -> {
        Set<String> ids = new HashSet<>();
        list.forEach(j -> ids.add(j.path("id").asText()));
        for (String job : workload.ackedJobs) {
          count("acknowledged jobs present");
          if (!ids.contains(job)) {
            violate("acknowledged jobs present", "job " + job + " was acknowledged but GET /v1/jobs lacks it");
          }
        }
      });
    }
  }

  /**
   * After healing: every app runs as many instances as it should (no instance lost without a replacement) and
   * every acknowledged deployment has ended, within {@link #CONVERGE}.
   */
  void converged() throws InterruptedException {
    Instant deadline = clock.instant().plus(CONVERGE);
    for (Workload.App app : workload.apps.values()) {
      count("instances replaced");
      String last = "";
      while (true) {
        Optional<JsonNode> a = workload.get(layout.apps, "/v2/apps" + app.id);
        Optional<Set<String>> running = appRunning(app.id);
        if (a.isPresent() && running.isPresent()) {
          int instances = a.get().path("app").path("instances").asInt();
          last = running.get().size() + " of " + instances + " running";
          if (running.get().size() == instances) {
            break;
          }
        }
        if (clock.instant().isAfter(deadline)) {
          violate("instances replaced", app.id + ": " + (last.isEmpty() ? "no answer" : last) + " "
              + CONVERGE.toSeconds() + " s after healing");
          break;
        }
        Thread.sleep(200);
      }
    }
    Optional<JsonNode> deployments = Optional.empty();
    while (clock.instant().isBefore(deadline)) {
      deployments = workload.get(layout.apps, "/v2/deployments");
      if (deployments.isPresent() && deployments.get().isEmpty()) {
        break;
      }
      Thread.sleep(200);
    }
    Set<String> open = new HashSet<>();
    deployments.ifPresent(d -> d.forEach(x -> open.add(x.path("id").asText())));
    for (Iterator<Workload.Ack> it = workload.pendingDeployments.iterator(); it.hasNext(); ) {
      Workload.Ack ack = it.next();
      count("deployments end");
      if (deployments.isPresent() && !open.contains(ack.deploymentId())) {
        it.remove();
      } else if (clock.instant().isAfter(ack.at().plus(CONVERGE.multipliedBy(2)))) {
        violate("deployments end", "deployment " + ack.deploymentId() + " of " + ack.appId() + " acknowledged at "
            + ack.at() + " has not ended");
        it.remove();
      }
    }
  }

  /**
   * After healing: the master's RUNNING tasks of the apps framework are exactly the apps API's running tasks;
   * every RUNNING task of the jobs framework is a run the jobs API knows; every task an agent runs is RUNNING at
   * the master. Polled until it holds or {@link #CONVERGE} passes.
   */
  void tasksAgree() throws InterruptedException {
    count("task states agree");
    Instant deadline = clock.instant().plus(CONVERGE);
    String why = "";
    while (clock.instant().isBefore(deadline)) {
      why = disagreement();
      if (why.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    violate("task states agree", why);
  }

  private String disagreement() {
    Optional<String> appsFw = workload.get(layout.apps, "/v2/info").map(i -> i.path("frameworkId").asText());
    Optional<String> jobsFw = workload.get(layout.jobs, "/info").map(i -> i.path("frameworkId").asText());
    Optional<Node> master = layout.leadingMaster();
    if (appsFw.isEmpty() || jobsFw.isEmpty() || master.isEmpty()) {
      return "no answer from a framework or the master";
    }
    Optional<Set<String>> masterRunning = masterRunning(master.get(), null);
    Optional<Set<String>> masterApps = masterRunning(master.get(), appsFw.get());
    Optional<Set<String>> masterJobs = masterRunning(master.get(), jobsFw.get());
    if (masterRunning.isEmpty() || masterApps.isEmpty() || masterJobs.isEmpty()) {
      return "the master's task list did not answer";
    }
    Set<String> appsRunning = new HashSet<>();
    for (Workload.App app : workload.apps.values()) {
      Optional<Set<String>> r = appRunning(app.id);
      if (r.isEmpty()) {
        return "the apps API did not answer for " + app.id;
      }
      appsRunning.addAll(r.get());
    }
    if (!appsRunning.equals(masterApps.get())) {
      return "apps running per the master " + diff(masterApps.get(), appsRunning) + " vs per the apps API "
          + diff(appsRunning, masterApps.get());
    }
    Set<String> known = new HashSet<>();
    for (String job : workload.jobs) {
      Optional<JsonNode> j = workload.get(layout.jobs, "/v1/jobs/" + job + "?embed=activeRuns,history");
      if (j.isEmpty()) {
        return "the jobs API did not answer for " + job;
      }
      for (JsonNode run : runs(j.get())) {
        known.add(run.path("taskId").asText());
        run.path("tasks").forEach(t -> known.add(t.path("id").asText()));
      }
    }
    Set<String> unknownJobs = diff(masterJobs.get(), known);
    if (!unknownJobs.isEmpty()) {
      return "jobs tasks RUNNING at the master that the jobs API does not know: " + unknownJobs;
    }
    for (Node agent : layout.agents) {
      Optional<JsonNode> state = agent.alive() ? Http.get(agent.port(), "/state") : Optional.empty();
      if (state.isEmpty()) {
        return agent + " did not answer /state";
      }
      Set<String> onAgent = new HashSet<>();
      state.get().path("tasks").forEach(t -> {
        if (t.path("state").asText().equals("TASK_RUNNING")) {
          onAgent.add(t.has("id") ? t.path("id").asText() : t.path("taskId").asText());
        }
      });
      Set<String> notAtMaster = diff(onAgent, masterRunning.get());
      if (!notAtMaster.isEmpty()) {
        return agent + " runs tasks the master does not have RUNNING: " + notAtMaster;
      }
    }
    return "";
  }

  private static Optional<Set<String>> masterRunning(Node master, String framework) {
    return Http.get(master.port(), "/api/v1/tasks?state=TASK_RUNNING&limit=10000"
        + (framework == null ? "" : "&framework=" + framework)).map(j -> {
          Set<String> ids = new HashSet<>();
          j.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
          return ids;
        });
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new java.util.TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  static List<JsonNode> runs(JsonNode job) {
    List<JsonNode> out = new ArrayList<>();
    job.path("activeRuns").forEach(out::add);
    job.path("history").path("successfulFinishedRuns").forEach(out::add);
    job.path("history").path("failedFinishedRuns").forEach(out::add);
    return out;
  }

  /**
   * At the end: each job's ticks from its first to its last finished one each have exactly one run record (a run,
   * or MISSED with its reason); returns the MISSED counts by reason for the report.
   */
  Map<String, Integer> cronExactlyOnce() {
    Map<String, Integer> missed = new TreeMap<>();
    for (String job : workload.jobs) {
      Optional<JsonNode> j = workload.get(layout.jobs, "/v1/jobs/" + job + "?embed=activeRuns,history");
      if (j.isEmpty()) {
        violate("cron tick runs exactly once", "the jobs API did not answer for " + job);
        continue;
      }
      TreeMap<Instant, List<String>> perTick = new TreeMap<>();
      for (JsonNode run : runs(j.get())) {
        if (!run.path("trigger").asText("schedule:s").startsWith("schedule") || !run.hasNonNull("scheduledAt")) {
          continue;
        }
        Instant tick = Instant.parse(run.path("scheduledAt").asText());
        String status = run.path("status").asText();
        perTick.computeIfAbsent(tick, t -> new ArrayList<>()).add(run.path("id").asText() + ":" + status);
        if (status.equals("MISSED")) {
          String reason = run.path("reason").asText().replaceAll("run \\S+", "run X");
          missed.merge(job + ": " + reason, 1, Integer::sum);
        }
      }
      if (perTick.size() < 2) {
        violate("cron tick runs exactly once", job + " has " + perTick.size() + " ticks recorded");
        continue;
      }
      for (Instant t = perTick.firstKey(); !t.isAfter(perTick.lastKey()); t = t.plusSeconds(5)) {
        count("cron tick runs exactly once");
        List<String> runs = perTick.getOrDefault(t, List.of());
        if (runs.size() != 1) {
          violate("cron tick runs exactly once", job + " tick " + t + " has " + runs.size() + " runs: " + runs);
        }
      }
    }
    return missed;
  }
}
