package dev.drover.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Docker app (busybox httpd, BRIDGE networking, one port mapping) serves on its host port; after {@code docker
 * kill} of its container a new instance serves again. The replacement time is printed, not asserted (speed is for
 * benchmarks; the target is 2 s).
 */
@RequiresDocker
class AppsDockerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String fetch(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body().trim() : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void aBridgedBusyboxServesOnItsHostPortAndIsReplacedWhenKilled() throws Exception {
    cluster = ProcessCluster.start("apps-docker");
    cluster.master("master");
    cluster.agent("agent", "cpus:4;mem:2048;disk:1024;ports:[31000-31999]");
    AppsClient apps = AppsClient.start(cluster, "apps-docker", "apps");
    Await.until("the apps framework leads", TIMEOUT, apps::leading);
    HttpResponse<String> r = apps.call("POST", "/v2/apps", "{\"id\": \"/it/httpd\", \"instances\": 1, \"cpus\": 0.1,"
        + " \"mem\": 32, \"cmd\": \"mkdir -p /www && echo hello-$DROVER_TASK_ID > /www/index.html"
        + " && exec httpd -f -p 80 -h /www\", \"container\": {\"type\": \"DOCKER\", \"docker\": {\"image\": \""
        + DockerCondition.IMAGE + "\", \"network\": \"BRIDGE\"}, \"portMappings\": [{\"containerPort\": 80,"
        + " \"hostPort\": 0, \"protocol\": \"tcp\"}]}}");
    assertEquals(201, r.statusCode(), r.body());
    Await.until("the instance running", TIMEOUT, () -> apps.running("/it/httpd").size() == 1);
    JsonNode task = apps.running("/it/httpd").get(0);
    String taskId = task.path("id").asText();
    int hostPort = task.path("ports").get(0).asInt();
    assertTrue(hostPort >= 31000 && hostPort <= 31999, "host port from the offer: " + hostPort);
    Await.until("httpd answers on the host port", TIMEOUT, () -> ("hello-" + taskId).equals(fetch(hostPort)));

    String container = DockerCondition.Cli.run(List.of("docker", "ps", "-q", "--filter", "name=" + taskId));
    assertNotNull(container);
    assertFalse(container.isBlank(), "a container named after the task runs");
    long killedAt = System.nanoTime();
    assertNotNull(DockerCondition.Cli.run(List.of("docker", "kill", container.lines().findFirst().orElseThrow())));
    Await.until("a new instance running", TIMEOUT, () -> {
      List<JsonNode> now = apps.running("/it/httpd");
      return now.size() == 1 && !now.get(0).path("id").asText().equals(taskId);
    });
    System.out.printf("AppsDockerIT: replacement RUNNING %d ms after docker kill%n",
        (System.nanoTime() - killedAt) / 1_000_000);
    JsonNode replacement = apps.running("/it/httpd").get(0);
    int newPort = replacement.path("ports").get(0).asInt();
    Await.until("the replacement serves", TIMEOUT,
        () -> ("hello-" + replacement.path("id").asText()).equals(fetch(newPort)));
  }
}
