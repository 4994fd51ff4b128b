package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.zk.LeaderInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The apps and jobs pages against the real frameworks (`drover apps`, `drover jobs` as processes) through a real
 * master: an app created from the UI runs, scaling from the UI changes its instance count, an app too big to place
 * shows why it waits; a job run started from the UI appears in its history with a link to its task.
 */
class UiRealFrameworksIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private ProcessCluster cluster;
  private Browser browser;
  private LeaderInfo leader;

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private void startCluster(String name, String framework) throws Exception {
    Browser.require();
    cluster = ProcessCluster.start(name);
    cluster.master("master-1");
    cluster.agent("agent-1", "cpus:4;mem:2048;disk:2048;ports:[30300-30399]");
    Await.until("a master leads with its agent", TIMEOUT, () -> cluster.activeAgents() == 1);
    leader = cluster.leaders().leader().orElseThrow();
    cluster.agent(framework, new String[] {framework, "--zk", cluster.zk(), "--bind", "127.0.0.1", "--http-port",
        Integer.toString(Await.freePort())});
    String probe = framework.equals("apps") ? "/frameworks/apps/v2/apps" : "/frameworks/jobs/v1/jobs";
    Await.until("the " + framework + " framework answers through the master", TIMEOUT, () -> status(probe) == 200);
  }

  private int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(leader.httpUrl() + path)).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(leader.httpUrl() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private int post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(leader.httpUrl() + path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void create(String json) {
    browser.type("textarea[name=app-json]", json);
    browser.click("button[name=create]");
  }

  @Test
  void appsCreatedAndScaledFromTheUiRunAndAWaitingAppSaysWhy() throws Exception {
    startCluster("ui-real-apps", "apps");
    browser = Browser.open(leader.httpUrl(), cluster.work());
    browser.go("#/apps");
    create("{\"id\": \"/web\", \"instances\": -1}");
    browser.untilText("li[data-path='/instances']", ">= 0");
    create("{\"id\": \"/web\", \"cmd\": \"echo serving; sleep 1000\", \"instances\": 1, \"cpus\": 0.1, \"mem\": 32}");
    browser.untilText("tr[data-app='/web'] td[data-count=running]", "1");
    Await.until("the app's task runs on the agent", TIMEOUT, () -> cluster.tasksIn("TASK_RUNNING") == 1);

    browser.type("tr[data-app='/web'] input[name=instances]", "2");
    browser.click("tr[data-app='/web'] button[name=scale]");
    browser.untilText("tr[data-app='/web'] td[data-count=running]", "2");
    assertEquals(2, get("/frameworks/apps/v2/apps/web").path("app").path("instances").asInt());
    Await.until("two tasks run", TIMEOUT, () -> cluster.tasksIn("TASK_RUNNING") == 2);

    create("{\"id\": \"/big\", \"cmd\": \"sleep 1000\", \"instances\": 1, \"cpus\": 0.1, \"mem\": 65536}");
    WebElement big = browser.untilText("tr[data-app='/big']", "mem");
    assertTrue(big.getText().contains("waiting"), big.getText());
    browser.screenshot("apps-real");
  }

  @Test
  void aJobRunStartedFromTheUiAppearsInItsHistory() throws Exception {
    startCluster("ui-real-jobs", "jobs");
    assertEquals(201, post("/frameworks/jobs/v1/jobs", "{\"id\": \"nightly\", \"run\": {\"cmd\": \"echo from-the-job\","
        + " \"cpus\": 0.1, \"mem\": 32, \"disk\": 0}, \"schedules\": [{\"id\": \"default\", \"cron\": \"0 9 * * *\","
        + " \"timezone\": \"Europe/Paris\", \"enabled\": true}]}"));
    browser = Browser.open(leader.httpUrl(), cluster.work());
    browser.go("#/jobs/nightly");
    browser.untilText("section[data-page=job]", "has not run yet");
    browser.click("button[name=run]");
    browser.untilText("tr[data-status=SUCCESS]", "task & logs");
    browser.click("tr[data-status=SUCCESS] a[href^='#/tasks/']");
    browser.untilText("pre.log[data-file=stdout]", "from-the-job");
    browser.screenshot("job-run-log-real");
  }
}
