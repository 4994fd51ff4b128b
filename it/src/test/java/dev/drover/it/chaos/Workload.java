package dev.drover.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.it.cluster.Http;
import dev.drover.it.cluster.InstallLayout;
import dev.drover.it.cluster.Node;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the chaos run asks of the cluster, and the ledger of what the cluster acknowledged: process apps that are
 * scaled and restarted (rolling deployments), a Docker app when an engine is there, and cron jobs every 5 s under
 * FORBID (one quick, one of 6 s that overlaps every other tick). Requests go to any live instance (followers
 * proxy to the leader). A request that got no answer may or may not have been applied, so an app's allowed
 * instance counts are the last acknowledged one plus every later unanswered attempt.
 */
final class Workload {
  static final String JOB_CRON = "*/5 * * * * *";
  static final int STARTING_DEADLINE = 60;

  /** An app the workload drives and what the cluster acknowledged for it. */
  static final class App {
    final String id;
    final int min;
    final int max;
    final double maxOverCapacity;
    final String body;
    final Set<Integer> allowed = new LinkedHashSet<>();
    int generation;
    boolean created;

    App(String id, int min, int max, double maxOverCapacity, String body) {
      this.id = id;
      this.min = min;
      this.max = max;
      this.maxOverCapacity = maxOverCapacity;
      this.body = body;
    }
  }

  /** A deployment id a client was given, and when. */
  record Ack(String deploymentId, String appId, Instant at) {}

  final Map<String, App> apps = new LinkedHashMap<>();
  final List<String> jobs = new ArrayList<>();
  final Set<String> ackedJobs = new LinkedHashSet<>();
  final List<Ack> pendingDeployments = new ArrayList<>();
  private final InstallLayout layout;
  private final Random random;
  private final Clock clock;
  int requests;
  int acknowledged;

  Workload(InstallLayout layout, Random random, Clock clock, boolean docker) {
    this.layout = layout;
    this.random = random;
    this.clock = clock;
    add(new App("/chaos/web", 2, 4, 0.5, "\"cmd\": \"sleep 3600\", \"cpus\": 0.1, \"mem\": 16, \"upgradeStrategy\":"
        + " {\"minimumHealthCapacity\": 0.5, \"maximumOverCapacity\": 0.5}"));
    add(new App("/chaos/worker", 1, 3, 0.0, "\"cmd\": \"sleep 3600\", \"cpus\": 0.1, \"mem\": 16,"
        + " \"upgradeStrategy\": {\"minimumHealthCapacity\": 0.5, \"maximumOverCapacity\": 0}"));
    // One per rack and every rack taken: a restart must stop an old instance before it places a new one.
    add(new App("/chaos/spread", 3, 3, 0.0, "\"cmd\": \"sleep 3600\", \"cpus\": 0.1, \"mem\": 16,"
        + " \"constraints\": [[\"rack\", \"UNIQUE\"]], \"upgradeStrategy\": {\"minimumHealthCapacity\": 0.5,"
        + " \"maximumOverCapacity\": 0}"));
    if (docker) {
      add(new App("/chaos/docker", 1, 2, 1.0, "\"cmd\": \"sleep 3600\", \"cpus\": 0.1, \"mem\": 32, \"container\":"
          + " {\"type\": \"DOCKER\", \"docker\": {\"image\": \"local/busybox:latest\", \"network\": \"NONE\"}}"));
    }
    jobs.add("chaos-quick");
    jobs.add("chaos-overlap");
  }

  private void add(App app) {
    apps.put(app.id, app);
  }

  /** Creates every app and job, retrying until each is acknowledged. */
  void setUp() throws InterruptedException {
    for (App app : apps.values()) {
      int n = app.min;
      dev.drover.it.Await.until("POST " + app.id + " acknowledged", java.time.Duration.ofSeconds(60),
          () -> app.created || create(app, n));
    }
    for (String job : jobs) {
      String cmd = job.equals("chaos-quick") ? "true" : "sleep 6";
      String body = "{\"id\": \"" + job + "\", \"run\": {\"cmd\": \"" + cmd + "\", \"cpus\": 0.05, \"mem\": 32},"
          + " \"schedules\": [{\"id\": \"s\", \"cron\": \"" + JOB_CRON + "\", \"concurrencyPolicy\": \"FORBID\","
          + " \"startingDeadlineSeconds\": " + STARTING_DEADLINE + "}],"
          + " \"historyLimits\": {\"successful\": 1000, \"failed\": 1000}}";
      dev.drover.it.Await.until("POST job " + job + " acknowledged", java.time.Duration.ofSeconds(60), () -> {
        Http.Reply r = send(layout.jobs, "POST", "/v1/jobs", body);
        if (r.ok() || r.status() == 409) {
          ackedJobs.add(job);
          return true;
        }
        return false;
      });
    }
  }

  private boolean create(App app, int instances) {
    Http.Reply r = send(layout.apps, "POST", "/v2/apps", "{\"id\": \"" + app.id + "\", \"instances\": " + instances
        + ", " + app.body + "}");
    if (r.ok()) {
      app.created = true;
      app.allowed.clear();
      app.allowed.add(instances);
      ackDeployment(app, r);
    } else if (r.status() == 409) {
      app.created = true;
      app.allowed.add(instances);
    }
    return app.created;
  }

  /** One change: scale an app to a random size in its range, or restart it (a rolling deployment). */
  String step() {
    List<App> list = new ArrayList<>(apps.values());
    App app = list.get(random.nextInt(list.size()));
    boolean restart = random.nextInt(3) == 0;
    int instances = restart ? -1 : app.min + random.nextInt(app.max - app.min + 1);
    String body = restart ? "{\"env\": {\"CHAOS_GENERATION\": \"" + (++app.generation) + "\"}}"
        : "{\"instances\": " + instances + "}";
    Http.Reply r = send(layout.apps, "PUT", "/v2/apps" + app.id + "?force=true", body);
    if (r.ok()) {
      if (!restart) {
        app.allowed.clear();
        app.allowed.add(instances);
      }
      ackDeployment(app, r);
    } else if (!restart && (r.status() < 0 || r.status() >= 500)) {
      app.allowed.add(instances);
    }
    return (restart ? "restart " : "scale " + instances + " ") + app.id + " -> " + r.status();
  }

  private void ackDeployment(App app, Http.Reply r) {
    acknowledged++;
    try {
      String id = r.json().path("deploymentId").asText("");
      if (!id.isEmpty()) {
        pendingDeployments.add(new Ack(id, app.id, clock.instant()));
      }
    } catch (IllegalStateException notJson) {
      // acknowledged without a body; nothing to follow
    }
  }

  /** Sends to a live instance of {@code nodes}, chosen at random (followers proxy to the leader). */
  Http.Reply send(List<Node> nodes, String method, String path, String body) {
    requests++;
    List<Node> live = nodes.stream().filter(Node::alive).toList();
    if (live.isEmpty()) {
      return new Http.Reply(-1, "no live instance");
    }
    return Http.send(live.get(random.nextInt(live.size())).port(), method, path, body);
  }

  List<Node> appsNodes() {
    return layout.apps;
  }

  /** GET on any live instance that answers 200. */
  Optional<JsonNode> get(List<Node> nodes, String path) {
    for (Node n : nodes) {
      if (n.alive()) {
        Optional<JsonNode> j = Http.get(n.port(), path);
        if (j.isPresent()) {
          return j;
        }
      }
    }
    return Optional.empty();
  }
}
