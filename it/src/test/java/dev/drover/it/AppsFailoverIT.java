package dev.drover.it;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The apps framework's leader is killed with kill -9 while a deployment waits for resources; the other instance
 * takes over, the deployment completes once an agent with room joins, and no task that ran before is restarted.
 */
class AppsFailoverIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Set<String> ids(AppsClient apps, String app) {
    return apps.running(app).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
  }

  @Test
  void aKilledLeaderMidDeploymentHandsOverAndTheDeploymentCompletesWithNoTaskRestarted() throws Exception {
    cluster = ProcessCluster.start("apps-failover");
    cluster.master("master");
    cluster.agent("agent-1", "cpus:0.35;mem:1024;disk:1024;ports:[31000-31099]");
    AppsClient a = AppsClient.start(cluster, "apps-failover", "apps-a");
    Await.until("a leads", TIMEOUT, a::leading);
    AppsClient b = AppsClient.start(cluster, "apps-failover", "apps-b");
    Await.until("b answers", TIMEOUT, () -> b.get("/v2/leader").has("leader"));

    HttpResponse<String> r = b.call("POST", "/v2/apps", "{\"id\": \"/it/steady\", \"cmd\": \"sleep 600\","
        + " \"instances\": 2, \"cpus\": 0.1, \"mem\": 16}");
    assertEquals(201, r.statusCode(), "created through the follower's proxy: " + r.body());
    Await.until("2 running", TIMEOUT, () -> ids(a, "/it/steady").size() == 2);
    Await.until("deployment done", TIMEOUT, () -> a.get("/v2/deployments").isEmpty());
    Set<String> before = ids(a, "/it/steady");

    assertEquals(200, a.call("PUT", "/v2/apps/it/steady", "{\"instances\": 5}").statusCode());
    Await.until("the third instance running (no room for more)", TIMEOUT, () -> ids(a, "/it/steady").size() == 3);
    com.fasterxml.jackson.databind.JsonNode waiting = a.get("/v2/deployments");
    assertEquals(1, waiting.size(), "the scale-up waits for resources");
    assertEquals("/it/steady", waiting.get(0).path("affectedApps").get(0).asText());
    assertEquals("ScaleApplication", waiting.get(0).path("currentActions").get(0).path("action").asText());
    assertEquals(waiting.get(0).path("steps").size(), waiting.get(0).path("totalSteps").asInt());
    Await.until("two instances of /it/steady wait in the queue", TIMEOUT, () -> {
      com.fasterxml.jackson.databind.JsonNode q = a.get("/v2/queue").path("queue").path(0);
      return q.path("count").asInt() == 2 && q.path("app").path("id").asText().equals("/it/steady");
    });

    a.process.kill9();
    Await.until("b leads", TIMEOUT, b::leading);
    cluster.agent("agent-2", "cpus:2;mem:1024;disk:1024;ports:[31100-31199]");
    Await.until("5 running and the deployment done", TIMEOUT,
        () -> ids(b, "/it/steady").size() == 5 && b.get("/v2/deployments").isEmpty());
    assertTrue(ids(b, "/it/steady").containsAll(before), "the tasks that ran before still run");
    assertEquals(5, b.get("/v2/apps/it/steady").path("app").path("instances").asInt());
  }
}
