package dev.drover.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The apps framework end to end with real processes: ZooKeeper, a master, an agent and {@code drover apps}, driven
 * through its Marathon v2 REST API. Process tasks write their pid so the test can kill -9 one.
 */
class AppsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void keepsThreeAliveReplacesAKilledOneScalesAndExplainsAnImpossibleConstraint() throws Exception {
    cluster = ProcessCluster.start("apps");
    cluster.master("master");
    cluster.agent("agent", "cpus:8;mem:4096;disk:1024;ports:[31000-31999]");
    AppsClient apps = AppsClient.start(cluster, "apps", "apps");
    Await.until("the apps framework leads", TIMEOUT, apps::leading);
    Path pids = Files.createDirectories(cluster.work().resolve("pids"));

    String app = "{\"id\": \"/it/sleeper\", \"cmd\": \"echo $$ > " + pids + "/$DROVER_TASK_ID.pid && exec sleep 600\","
        + " \"instances\": 3, \"cpus\": 0.1, \"mem\": 32}";
    HttpResponse<String> created = apps.call("POST", "/v2/apps", app);
    assertEquals(201, created.statusCode(), created.body());
    Await.until("3 instances running", TIMEOUT, () -> apps.running("/it/sleeper").size() == 3);
    assertEquals(3, apps.get("/v2/apps/it/sleeper").path("app").path("tasksRunning").asInt());

    // kill -9 one task's process: it is replaced
    String victim = apps.running("/it/sleeper").get(0).path("id").asText();
    Path pidFile = pids.resolve(victim + ".pid");
    Await.until("the victim wrote its pid", TIMEOUT, () -> Files.exists(pidFile));
    String pid = Files.readString(pidFile).trim();
    new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
    Await.until("the killed instance replaced", TIMEOUT, () -> {
      List<JsonNode> r = apps.running("/it/sleeper");
      return r.size() == 3 && r.stream().noneMatch(t -> t.path("id").asText().equals(victim));
    });

    // scale to 5, then to 1: YOUNGEST_FIRST keeps the oldest
    assertEquals(200, apps.call("PUT", "/v2/apps/it/sleeper", "{\"instances\": 5}").statusCode());
    Await.until("5 instances running", TIMEOUT, () -> apps.running("/it/sleeper").size() == 5);
    Await.until("the scale-up deployment done", TIMEOUT, () -> apps.get("/v2/deployments").isEmpty());

    // kill one task and scale down by it: 4 instances, the others untouched
    String youngest = apps.running("/it/sleeper").stream()
        .max(Comparator.comparing(t -> java.time.Instant.parse(t.path("startedAt").asText()))).orElseThrow()
        .path("id").asText();
    HttpResponse<String> killed = apps.call("DELETE", "/v2/apps/it/sleeper/tasks/" + youngest + "?scale=true", null);
    assertEquals(200, killed.statusCode(), killed.body());
    Await.until("4 instances running without the killed one", TIMEOUT, () -> {
      List<JsonNode> r = apps.running("/it/sleeper");
      return r.size() == 4 && r.stream().noneMatch(t -> t.path("id").asText().equals(youngest));
    });
    assertEquals(4, apps.get("/v2/apps/it/sleeper").path("app").path("instances").asInt());
    Await.until("the scale-down deployment done", TIMEOUT, () -> apps.get("/v2/deployments").isEmpty());
    // Instances launched in one burst can share a startedAt: any of the oldest may be the one kept.
    java.time.Instant first = apps.running("/it/sleeper").stream()
        .map(t -> java.time.Instant.parse(t.path("startedAt").asText())).min(Comparator.naturalOrder()).orElseThrow();
    Set<String> oldest = apps.running("/it/sleeper").stream()
        .filter(t -> java.time.Instant.parse(t.path("startedAt").asText()).equals(first))
        .map(t -> t.path("id").asText()).collect(java.util.stream.Collectors.toSet());
    assertEquals(200, apps.call("PUT", "/v2/apps/it/sleeper", "{\"instances\": 1}").statusCode());
    Await.until("1 instance running", TIMEOUT, () -> apps.running("/it/sleeper").size() == 1);
    String kept = apps.running("/it/sleeper").get(0).path("id").asText();
    assertTrue(oldest.contains(kept), kept + " is not one of the oldest " + oldest);

    // an impossible constraint: the queue says why
    HttpResponse<String> stuck = apps.call("POST", "/v2/apps", "{\"id\": \"/it/nowhere\", \"cmd\": \"sleep 600\","
        + " \"cpus\": 0.1, \"mem\": 16, \"constraints\": [[\"hostname\", \"LIKE\", \"no-such-host\"]]}");
    assertEquals(201, stuck.statusCode(), stuck.body());
    Await.until("the queue explains the constraint", TIMEOUT, () -> {
      for (JsonNode q : apps.get("/v2/queue").path("queue")) {
        if (q.path("app").path("id").asText().equals("/it/nowhere")) {
          Set<String> reasons = java.util.stream.StreamSupport.stream(q.path("processedOffersSummary")
              .path("rejectSummaryLastOffers").spliterator(), false)
              .filter(r -> r.path("declined").asInt() > 0).map(r -> r.path("reason").asText())
              .collect(Collectors.toSet());
          return reasons.stream().anyMatch(r -> r.contains("UnfulfilledConstraint") && r.contains("no-such-host"));
        }
      }
      return false;
    });
    assertEquals(0, apps.running("/it/nowhere").size());

    // a group whose web app depends on its db group starts db first (the Compose case)
    HttpResponse<String> group = apps.call("POST", "/v2/groups", "{\"id\": \"/it/stack\", \"groups\": ["
        + "{\"id\": \"db\", \"apps\": [{\"id\": \"pg\", \"cmd\": \"sleep 600\", \"cpus\": 0.1, \"mem\": 16}]},"
        + "{\"id\": \"front\", \"dependencies\": [\"/it/stack/db\"], \"apps\": [{\"id\": \"web\","
        + " \"cmd\": \"sleep 600\", \"cpus\": 0.1, \"mem\": 16}]}]}");
    assertEquals(201, group.statusCode(), group.body());
    Await.until("db and web running", TIMEOUT, () -> apps.running("/it/stack/db/pg").size() == 1
        && apps.running("/it/stack/front/web").size() == 1);
    java.time.Instant dbStarted = java.time.Instant.parse(
        apps.running("/it/stack/db/pg").get(0).path("startedAt").asText());
    java.time.Instant webStaged = java.time.Instant.parse(
        apps.running("/it/stack/front/web").get(0).path("stagedAt").asText());
    assertFalse(webStaged.isBefore(dbStarted), "web staged " + webStaged + " before db ran " + dbStarted);
    JsonNode stack = apps.get("/v2/groups/it/stack");
    assertEquals(2, stack.path("groups").size());
  }
}
