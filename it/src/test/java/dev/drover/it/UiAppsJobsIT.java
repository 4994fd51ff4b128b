package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.it.FakeFramework.Reply;
import dev.drover.zk.LeaderInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The apps and jobs pages in headless Chromium, through a real master's proxy, against small fake framework leaders
 * that answer Marathon's v2 and Metronome's v1 shapes (as the apps and jobs frameworks document them) and push an
 * event on every change: create from JSON (a 422 shown by field, then a valid app listed), scale, a waiting app's
 * reason, deployments with rollback; a job's schedule with its next run in its zone, run now appearing in its
 * history, suspend, and the dependency graph. The real frameworks are tested the same way once merged.
 */
class UiAppsJobsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  private ProcessCluster cluster;
  private Browser browser;
  private final Map<String, ObjectNode> apps = new ConcurrentHashMap<>();
  private final ArrayNode runs = FakeFramework.JSON.createArrayNode();
  private volatile boolean enabled = true;
  private volatile boolean rolledBack;

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private Reply appsApi(String method, String path, JsonNode body) {
    if (method.equals("GET") && path.startsWith("/v2/apps?")) {
      ArrayNode list = FakeFramework.JSON.createArrayNode();
      apps.values().forEach(list::add);
      return new Reply(200, Map.of("apps", list));
    }
    if (method.equals("POST") && path.equals("/v2/apps")) {
      if (!body.hasNonNull("cmd")) {
        return new Reply(422, Map.of("message", "Object is not valid", "details",
            List.of(Map.of("path", "/cmd", "errors",
                List.of("one of cmd, args or container.docker.image is required")))));
      }
      ObjectNode app = body.deepCopy();
      int n = app.path("instances").asInt(1);
      app.put("tasksRunning", n).put("tasksHealthy", 0).put("tasksStaged", 0).putArray("deployments");
      apps.put(app.path("id").asText(), app);
      return new Reply(201, app);
    }
    if (method.equals("PUT") && path.startsWith("/v2/apps/")) {
      ObjectNode app = apps.get(path.substring("/v2/apps".length()));
      int n = body.path("instances").asInt();
      app.put("instances", n).put("tasksRunning", n);
      return new Reply(200, Map.of("version", "v2", "deploymentId", "d2"));
    }
    if (method.equals("POST") && path.equals("/v2/apps/web/restart")) {
      return new Reply(200, Map.of("version", "v4", "deploymentId", "d4"));
    }
    if (method.equals("DELETE") && path.equals("/v2/apps/web")) {
      apps.remove("/web");
      return new Reply(200, Map.of("version", "v5", "deploymentId", "d5"));
    }
    if (method.equals("GET") && path.equals("/v2/apps/web")) {
      ObjectNode app = apps.get("/web").deepCopy();
      app.putArray("tasks").addObject().put("id", "web.instance-1").put("state", "TASK_RUNNING")
          .put("host", "127.0.0.1").put("startedAt", "2026-11-24T21:00:00Z");
      return new Reply(200, Map.of("app", app));
    }
    if (path.equals("/v2/queue")) {
      return new Reply(200, Map.of("queue", List.of(Map.of("app", Map.of("id", "/big"), "count", 1,
          "lastUnusedOfferReasons", Map.of("127.0.0.1", "InsufficientMemory: needs 65536 MB, offered 1024 MB"),
          "processedOffersSummary", Map.of("processedOffersCount", 3, "unusedOffersCount", 3,
              "rejectSummaryLastOffers", List.of(Map.of("reason", "InsufficientMemory", "declined", 3,
                  "processed", 3)))))));
    }
    if (method.equals("GET") && path.equals("/v2/deployments")) {
      return new Reply(200, rolledBack ? List.of() : List.of(Map.of("id", "dep-1", "version", "v1",
          "affectedApps", List.of("/big"), "steps", List.of(), "currentActions",
          List.of(Map.of("action", "StartApplication", "app", "/big")), "currentStep", 1, "totalSteps", 2)));
    }
    if (method.equals("DELETE") && path.equals("/v2/deployments/dep-1")) {
      rolledBack = true;
      return new Reply(200, Map.of("version", "v3", "deploymentId", "dep-2"));
    }
    return new Reply(404, Map.of("message", "no route " + method + " " + path));
  }

  private ObjectNode nightly() {
    ObjectNode job = FakeFramework.JSON.createObjectNode().put("id", "nightly").put("description", "the report");
    job.putObject("run").put("cmd", "echo report");
    job.putArray("schedules").addObject().put("id", "default").put("cron", "0 9 * * *")
        .put("timezone", "Europe/Paris").put("enabled", enabled);
    job.putArray("activeRuns");
    ObjectNode history = job.putObject("history").put("successCount", runs.size()).put("failureCount", 0);
    history.set("successfulFinishedRuns", runs.deepCopy());
    history.putArray("failedFinishedRuns");
    return job;
  }

  private Reply jobsApi(String method, String path, JsonNode body) {
    if (method.equals("GET") && path.startsWith("/v1/jobs/nightly?")) {
      return new Reply(200, nightly());
    }
    if (method.equals("GET") && path.startsWith("/v1/jobs?")) {
      ArrayNode jobs = FakeFramework.JSON.createArrayNode();
      jobs.add(nightly());
      jobs.addObject().put("id", "publish").putArray("schedules");
      return new Reply(200, jobs);
    }
    if (method.equals("POST") && path.equals("/v1/jobs/nightly/runs")) {
      ObjectNode run = runs.addObject().put("id", "run-" + runs.size()).put("jobId", "nightly")
          .put("status", "SUCCESS").put("createdAt", "2026-11-24T21:00:00Z")
          .put("finishedAt", "2026-11-24T21:00:05Z").put("taskId", "nightly.run-1").put("agentId", "a1")
          .put("logs", "/files/fw-jobs/nightly.run-1/read?path=stdout");
      return new Reply(201, run);
    }
    if (method.equals("PUT") && path.equals("/v1/jobs/nightly/schedules/default")) {
      enabled = body.path("enabled").asBoolean();
      return new Reply(200, body);
    }
    if (path.equals("/v1/dependency-graph")) {
      return new Reply(200, Map.of("nodes", List.of(Map.of("id", "nightly"), Map.of("id", "publish")),
          "edges", List.of(Map.of("from", "nightly", "to", "publish"))));
    }
    return new Reply(404, Map.of("message", "no route " + method + " " + path));
  }

  @Test
  void appsAndJobsPagesDriveTheirFrameworksThroughTheMaster() throws Exception {
    Browser.require();
    cluster = ProcessCluster.start("ui-apps-jobs");
    cluster.master("master-1");
    Await.until("a master leads", TIMEOUT, () -> cluster.leaders().leader().isPresent());
    LeaderInfo leader = cluster.leaders().leader().orElseThrow();
    browser = Browser.open(leader.httpUrl(), cluster.work());

    browser.go("#/apps");
    browser.untilText("section[data-page=apps] .empty", "apps framework is not running");
    browser.screenshot("apps-not-running");

    ObjectNode big = FakeFramework.JSON.createObjectNode().put("id", "/big").put("cmd", "sleep 1000")
        .put("instances", 1).put("cpus", 0.1).put("mem", 65536).put("tasksRunning", 0).put("tasksStaged", 0)
        .put("tasksHealthy", 0);
    big.putArray("deployments").addObject().put("id", "dep-1");
    apps.put("/big", big);
    FakeFramework fakeApps = cluster.keep(FakeFramework.start(cluster.zk(), "apps", "/v2/events", "deployment_info",
        this::appsApi));
    WebElement waiting = browser.untilText("tr[data-app='/big']", "InsufficientMemory");
    assertTrue(waiting.getText().contains("waiting"), waiting.getText());

    browser.type("textarea[name=app-json]", "{\"id\": \"/web\", \"instances\": 2}");
    browser.click("button[name=create]");
    browser.untilText("li[data-path='/cmd']", "one of cmd, args");
    browser.screenshot("apps-create-invalid");
    browser.type("textarea[name=app-json]", "{\"id\": \"/web\", \"cmd\": \"python3 -m http.server $PORT\","
        + " \"instances\": 2, \"cpus\": 0.1,"
        + " \"mem\": 32}");
    browser.click("button[name=create]");
    browser.untilText("tr[data-app='/web'] td[data-count=running]", "2");

    browser.type("tr[data-app='/web'] input[name=instances]", "3");
    browser.click("tr[data-app='/web'] button[name=scale]");
    fakeApps.changed();
    browser.untilText("tr[data-app='/web'] td[data-count=instances]", "3");
    browser.untilText("tr[data-deployment=dep-1]", "step 1 of 2");
    browser.screenshot("apps");
    browser.go("#/apps/%2Fweb");
    browser.untilText("section[data-page=app] tr[data-task='web.instance-1']", "TASK_RUNNING");
    browser.untilText("section[data-page=app]", "3 running");
    browser.screenshot("app");
    browser.go("#/apps");
    browser.click("tr[data-app='/web'] button[name=restart]");
    browser.until("the restart reached the framework", d -> fakeApps.requests.contains("POST /v2/apps/web/restart"));
    browser.click("tr[data-deployment=dep-1] button[name=rollback]");
    browser.untilText("section[data-page=apps]", "No deployment in progress");
    browser.click("tr[data-app='/web'] button[name=delete]");
    browser.driver.switchTo().alert().accept();
    browser.until("the app is gone from the list", d -> d.findElements(By.cssSelector("tr[data-app='/web']"))
        .isEmpty());
    assertTrue(fakeApps.requests.stream().anyMatch(r -> r.startsWith("GET /v2/apps?") && r.contains(
        "embed=apps.tasks") && r.contains("embed=apps.lastTaskFailure")), fakeApps.requests.toString());

    FakeFramework fakeJobs = cluster.keep(FakeFramework.start(cluster.zk(), "jobs", "/v1/events", "job_updated",
        this::jobsApi));
    browser.go("#/jobs");
    WebElement job = browser.untilText("tr[data-job=nightly]", "0 9 * * *");
    assertTrue(job.getText().contains("Europe/Paris"), job.getText());
    browser.until("a next run in the job's zone", d -> d.findElement(By.cssSelector("tr[data-job=nightly] "
        + "[data-next=default]")).getText().matches("(?s).*(CET|CEST|GMT\\+1|GMT\\+2).*"));
    browser.untilText("tr[data-job=nightly]", "never ran");
    browser.click("tr[data-job=nightly] button[name=run]");
    browser.untilText("tr[data-job=nightly]", "SUCCESS");
    browser.click("tr[data-job=nightly] button[name=suspend]");
    browser.untilText("tr[data-job=nightly]", "suspended");
    browser.find(".graph svg line[data-edge='nightly->publish']");
    browser.screenshot("jobs");

    browser.go("#/jobs/nightly");
    browser.untilText("tr[data-run=run-1]", "SUCCESS");
    WebElement logs = browser.find("tr[data-run=run-1] a[href*='nightly.run-1']");
    assertTrue(logs.getAttribute("href").contains("#/tasks/fw-jobs/nightly.run-1?agent=a1"), logs.getAttribute("href"));
    browser.screenshot("job");
    fakeJobs.changed();

    Object nextRuns = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "import('/js/cron.js').then(m => done(["
        + "m.nextRun('30 2 * * *', 'Europe/Paris', new Date('2026-03-28T12:00:00Z')).toISOString(),"
        + "m.nextRun('0 9 * * MON', 'America/New_York', new Date('2026-11-24T21:33:00Z')).toISOString(),"
        + "m.nextRun('0 0 1 1 *', 'Asia/Kolkata', new Date('2026-11-24T21:33:00Z')).toISOString()]));");
    assertEquals(List.of("2026-03-29T01:00:00.000Z", "2026-11-30T14:00:00.000Z", "2026-12-31T18:30:00.000Z"),
        nextRuns, "02:30 does not exist in Paris on 29 March 2026: like the jobs framework, the page says it fires"
        + " at the end of the gap (03:00 local)");
  }
}
