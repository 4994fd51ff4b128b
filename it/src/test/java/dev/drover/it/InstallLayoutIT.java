package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.it.cluster.Http;
import dev.drover.it.cluster.InstallLayout;
import dev.drover.it.cluster.Node;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 §3: docs/install.md's layout (3 ZooKeeper servers, 3 masters, 3 agents, 2 apps and 2 jobs instances, as
 * separate processes configured only by documented files and flags) serves an app and a cron job; then one
 * ZooKeeper server and the leading master are killed with -9, and the cluster keeps serving: a new master leads,
 * the app's tasks still run, a new app deploys and the job keeps firing.
 */
class InstallLayoutIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private InstallLayout layout;

  @AfterEach
  void tearDown() throws Exception {
    if (layout != null) {
      layout.close();
    }
  }

  private Set<String> running(String appId) {
    Set<String> ids = new HashSet<>();
    Node apps = layout.anyAnswering(layout.apps).orElseThrow();
    Http.get(apps.port(), "/v2/apps" + appId + "/tasks").orElseThrow().path("tasks").forEach(t -> {
      if (t.path("state").asText().equals("TASK_RUNNING")) {
        ids.add(t.path("id").asText());
      }
    });
    return ids;
  }

  private int successes(String jobId) {
    Node jobs = layout.anyAnswering(layout.jobs).orElseThrow();
    return Http.get(jobs.port(), "/v1/jobs/" + jobId + "?embed=historySummary").orElseThrow()
        .path("historySummary").path("successCount").asInt();
  }

  @Test
  void theLayoutServesAndSurvivesLosingAZooKeeperServerAndTheLeadingMaster() throws Exception {
    layout = InstallLayout.start("install-layout");
    layout.awaitServing(TIMEOUT);
    assertEquals(3, layout.activeAgents());

    Node apps = layout.apps.get(0);
    Http.Reply created = Http.send(apps.port(), "POST", "/v2/apps", "{\"id\": \"/layout/web\", \"cmd\": \"sleep 600\","
        + " \"instances\": 2, \"cpus\": 0.1, \"mem\": 16}");
    assertEquals(201, created.status(), created.body());
    Node jobs = layout.jobs.get(1);
    Http.Reply job = Http.send(jobs.port(), "POST", "/v1/jobs", "{\"id\": \"tick\", \"run\": {\"cmd\": \"true\","
        + " \"cpus\": 0.05, \"mem\": 32}, \"schedules\": [{\"id\": \"s\", \"cron\": \"*/2 * * * * *\","
        + " \"concurrencyPolicy\": \"FORBID\", \"startingDeadlineSeconds\": 60}]}");
    assertEquals(201, job.status(), job.body());
    Await.until("2 instances of /layout/web running", TIMEOUT, () -> running("/layout/web").size() == 2);
    Await.until("the job ran", TIMEOUT, () -> successes("tick") >= 1);
    Set<String> before = running("/layout/web");

    Node zk = layout.zks.get(0);
    zk.kill9();
    Node leader = layout.leadingMaster().orElseThrow();
    leader.kill9();
    Await.until("another master leads with 3 active agents", TIMEOUT,
        () -> layout.leadingMaster().map(m -> m != leader).orElse(false) && layout.activeAgents() == 3);
    assertNotEquals(leader, layout.leadingMaster().orElseThrow());
    layout.awaitServing(TIMEOUT);

    assertEquals(before, running("/layout/web"), "the app's tasks still run, none replaced");
    Node anyApps = layout.anyAnswering(layout.apps).orElseThrow();
    Http.Reply next = Http.send(anyApps.port(), "POST", "/v2/apps", "{\"id\": \"/layout/after\","
        + " \"cmd\": \"sleep 600\", \"instances\": 1, \"cpus\": 0.1, \"mem\": 16}");
    assertEquals(201, next.status(), next.body());
    Await.until("the new app runs", TIMEOUT, () -> running("/layout/after").size() == 1);
    int fired = successes("tick");
    Await.until("the job fires again", TIMEOUT, () -> successes("tick") > fired);
    JsonNode masters = layout.masterState().orElseThrow().path("masters");
    assertTrue(masters.size() >= 2, "the standing masters are listed: " + masters);
  }
}
