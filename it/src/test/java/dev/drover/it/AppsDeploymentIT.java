package dev.drover.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deployments with real processes: a rolling restart that keeps half the instances, and a failing health check. */
class AppsDeploymentIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private AppsClient start(String name) throws Exception {
    cluster = ProcessCluster.start(name);
    cluster.master("master");
    cluster.agent("agent", "cpus:8;mem:4096;disk:1024;ports:[31000-31999]");
    AppsClient apps = AppsClient.start(cluster, name, "apps");
    Await.until("the apps framework leads", TIMEOUT, apps::leading);
    return apps;
  }

  private static Set<String> ids(AppsClient apps, String app) {
    return apps.running(app).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
  }

  @Test
  void aRollingRestartWithHalfMinimumHealthCapacityNeverDropsBelowHalf() throws Exception {
    AppsClient apps = start("apps-rolling");
    HttpResponse<String> r = apps.call("POST", "/v2/apps", "{\"id\": \"/it/rolling\", \"cmd\": \"sleep 600\","
        + " \"instances\": 4, \"cpus\": 0.1, \"mem\": 16, \"upgradeStrategy\": {\"minimumHealthCapacity\": 0.5,"
        + " \"maximumOverCapacity\": 0}}");
    assertEquals(201, r.statusCode(), r.body());
    Await.until("4 running", TIMEOUT, () -> ids(apps, "/it/rolling").size() == 4);
    Await.until("the first deployment done", TIMEOUT, () -> apps.get("/v2/deployments").isEmpty());
    Set<String> before = ids(apps, "/it/rolling");
    assertEquals(200, apps.call("POST", "/v2/apps/it/rolling/restart", null).statusCode());
    AtomicInteger lowest = new AtomicInteger(4);
    Await.until("every instance replaced", TIMEOUT, () -> {
      Set<String> now = ids(apps, "/it/rolling");
      lowest.set(Math.min(lowest.get(), now.size()));
      return now.size() == 4 && now.stream().noneMatch(before::contains) && apps.get("/v2/deployments").isEmpty();
    });
    assertTrue(lowest.get() >= 2, "running instances dropped to " + lowest.get());
  }

  @Test
  void anInstanceWithAFailingHealthCheckIsReplaced() throws Exception {
    AppsClient apps = start("apps-unhealthy");
    HttpResponse<String> r = apps.call("POST", "/v2/apps", "{\"id\": \"/it/sick\", \"cmd\": \"sleep 600\","
        + " \"instances\": 1, \"cpus\": 0.1, \"mem\": 16, \"healthChecks\": [{\"protocol\": \"COMMAND\","
        + " \"command\": {\"value\": \"exit 1\"}, \"gracePeriodSeconds\": 0, \"intervalSeconds\": 1,"
        + " \"timeoutSeconds\": 0, \"maxConsecutiveFailures\": 1, \"delaySeconds\": 0}]}");
    assertEquals(422, r.statusCode(), "timeoutSeconds 0 is refused: " + r.body());
    // two checks: the first passes, the second fails; the task is unhealthy when any check fails
    r = apps.call("POST", "/v2/apps", "{\"id\": \"/it/sick\", \"cmd\": \"sleep 600\","
        + " \"instances\": 1, \"cpus\": 0.1, \"mem\": 16, \"healthChecks\": [{\"protocol\": \"COMMAND\","
        + " \"command\": {\"value\": \"true\"}, \"gracePeriodSeconds\": 0, \"intervalSeconds\": 2,"
        + " \"timeoutSeconds\": 1, \"delaySeconds\": 0}, {\"protocol\": \"COMMAND\","
        + " \"command\": {\"value\": \"exit 1\"}, \"gracePeriodSeconds\": 0, \"intervalSeconds\": 2,"
        + " \"timeoutSeconds\": 1, \"maxConsecutiveFailures\": 1, \"delaySeconds\": 0}]}");
    assertEquals(201, r.statusCode(), r.body());
    Await.until("one instance running", TIMEOUT, () -> ids(apps, "/it/sick").size() == 1);
    String first = ids(apps, "/it/sick").iterator().next();
    Await.until("the unhealthy instance replaced", TIMEOUT, () -> {
      Set<String> now = ids(apps, "/it/sick");
      return !now.isEmpty() && !now.contains(first);
    });
    JsonNode app = apps.get("/v2/apps/it/sick").path("app");
    assertTrue(app.has("tasksUnhealthy"));
  }

  @Test
  void aBrokenNewVersionIsRolledBackAutomaticallyAndTheApiShowsTheOldOne() throws Exception {
    // with a health check an instance is ready only once healthy, so new ones that exit never become ready
    AppsClient apps = start("apps-autorollback");
    HttpResponse<String> r = apps.call("POST", "/v2/apps", "{\"id\": \"/it/flaky\", \"cmd\": \"sleep 600\","
        + " \"instances\": 2, \"cpus\": 0.1, \"mem\": 16, \"backoffSeconds\": 0.2, \"healthChecks\": [{"
        + "\"protocol\": \"COMMAND\", \"command\": {\"value\": \"true\"}, \"gracePeriodSeconds\": 0,"
        + " \"intervalSeconds\": 2, \"timeoutSeconds\": 1, \"delaySeconds\": 0}]}");
    assertEquals(201, r.statusCode(), r.body());
    Await.until("2 running", TIMEOUT, () -> ids(apps, "/it/flaky").size() == 2);
    Await.until("the first deployment done", TIMEOUT, () -> apps.get("/v2/deployments").isEmpty());
    Set<String> before = ids(apps, "/it/flaky");
    assertEquals(200, apps.call("PUT", "/v2/apps/it/flaky", "{\"cmd\": \"exit 1\"}").statusCode());
    Await.until("the definition is the old one again", TIMEOUT,
        () -> apps.get("/v2/apps/it/flaky").path("app").path("cmd").asText().equals("sleep 600")
            && apps.get("/v2/deployments").isEmpty());
    assertEquals(before, ids(apps, "/it/flaky"), "the old instances kept running");
    assertTrue(apps.get("/v2/apps/it/flaky/versions").path("versions").size() >= 3);
  }
}
