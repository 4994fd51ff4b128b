package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.zk.LeaderInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Firefox (the Selenium tests cover Chromium), against a real master, agent and the real apps
 * and jobs frameworks as processes: every page renders the cluster's data; an app created from the UI (after an
 * invalid one shows its 422 inline) runs and scales; a task's page follows its log; a job run started from the UI
 * appears in its history. No page logs a JavaScript error. Screenshots are saved as {@code firefox-*.png}.
 */
class UiFirefoxIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private ProcessCluster cluster;
  private Firefox firefox;
  private LeaderInfo leader;

  @AfterEach
  void tearDown() throws Exception {
    if (firefox != null) {
      firefox.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private int send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leader.httpUrl() + path))
        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private void framework(String name) throws Exception {
    cluster.agent(name, new String[] {name, "--zk", cluster.zk(), "--bind", "127.0.0.1", "--http-port",
        Integer.toString(Await.freePort())});
  }

  @Test
  void everyPageWorksInFirefox() throws Exception {
    Firefox.require();
    cluster = ProcessCluster.start("ui-firefox");
    cluster.master("master-1");
    cluster.agent("agent-1", "cpus:4;mem:2048;disk:2048;ports:[30400-30499]");
    Await.until("a master leads with its agent", TIMEOUT, () -> cluster.activeAgents() == 1);
    leader = cluster.leaders().leader().orElseThrow();
    framework("apps");
    framework("jobs");
    Await.until("both frameworks answer through the master", TIMEOUT, () -> {
      try {
        return send("GET", "/frameworks/apps/v2/apps", null) == 200
            && send("GET", "/frameworks/jobs/v1/jobs", null) == 200;
      } catch (Exception e) {
        return false;
      }
    });
    String agentId = cluster.state().path("agents").get(0).path("id").asText();
    firefox = Firefox.open(leader.httpUrl(), cluster.work());

    firefox.go("#/");
    firefox.untilText("section[data-page=overview] .card", "Agents");
    firefox.untilText("section[data-page=overview] tr[data-master]", "leader");
    firefox.untilText(".card[data-resource=cpus]", "/ 4");
    firefox.untilText("#live", "live");
    firefox.screenshot("firefox-overview");

    firefox.go("#/apps");
    firefox.type("textarea[name=app-json]", "{\"id\": \"/web\", \"instances\": -1}");
    firefox.click("button[name=create]");
    firefox.untilText("li[data-path='/instances']", ">= 0");
    firefox.type("textarea[name=app-json]", "{\"id\": \"/web\", \"cmd\": \"echo serving; sleep 1000\","
        + " \"instances\": 1, \"cpus\": 0.1, \"mem\": 32}");
    firefox.click("button[name=create]");
    firefox.untilText("tr[data-app='/web'] td[data-count=running]", "1");
    firefox.type("tr[data-app='/web'] input[name=instances]", "2");
    firefox.click("tr[data-app='/web'] button[name=scale]");
    firefox.untilText("tr[data-app='/web'] td[data-count=running]", "2");
    Await.until("two tasks run", TIMEOUT, () -> cluster.tasksIn("TASK_RUNNING") == 2);
    firefox.screenshot("firefox-apps");

    firefox.go("#/agents");
    firefox.untilText("tr[data-agent='" + agentId + "']", "127.0.0.1");
    firefox.screenshot("firefox-agents");
    firefox.go("#/frameworks");
    firefox.untilText("section[data-page=frameworks]", "apps");
    firefox.untilText("section[data-page=frameworks]", "jobs");
    firefox.screenshot("firefox-frameworks");
    firefox.go("#/tasks");
    firefox.untilText("section[data-page=tasks]", "TASK_RUNNING");
    firefox.screenshot("firefox-tasks");
    firefox.click("section[data-page=tasks] a[href^='#/tasks/']");
    firefox.untilText("section[data-page=task] h1", "TASK_RUNNING");
    firefox.untilText("pre.log[data-file=stdout]", "serving");
    firefox.screenshot("firefox-task");

    assertEquals(201, send("POST", "/frameworks/jobs/v1/jobs", "{\"id\": \"nightly\", \"run\": {\"cmd\":"
        + " \"echo from-the-job\", \"cpus\": 0.1, \"mem\": 32, \"disk\": 0}, \"schedules\": [{\"id\": \"default\","
        + " \"cron\": \"0 9 * * *\", \"timezone\": \"Europe/Paris\", \"enabled\": true}]}"));
    firefox.go("#/jobs");
    firefox.untilText("section[data-page=jobs]", "nightly");
    firefox.screenshot("firefox-jobs");
    firefox.go("#/jobs/nightly");
    firefox.untilText("section[data-page=job]", "has not run yet");
    firefox.click("button[name=run]");
    firefox.untilText("tr[data-status=SUCCESS]", "task & logs");
    firefox.screenshot("firefox-job");

    List<String> errors = firefox.errors();
    assertTrue(errors.isEmpty(), "the pages logged errors in Firefox: " + errors);
  }
}
