package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.model.TaskState;
import dev.drover.sdk.DroverSchedulerDriver;
import dev.drover.sdk.FrameworkConfig;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.zk.LeaderInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The master's pages in real headless Chromium against a real cluster (ZooKeeper, two masters, one agent, one
 * framework running a shell task): each page renders the cluster's data; drain and undrain from the agents page
 * change the agent's maintenance state; a task started after the UI opened shows its status history; a task page
 * follows stdout live (a line printed after the page opened appears); a standby sends the browser to the leader;
 * losing the leader shows the banner, and once its address answers again (as a standby) the page moves to the new
 * leader by itself. Screenshots of each page go to target/ui-screenshots/.
 */
class UiMasterPagesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

  private ProcessCluster cluster;
  private Browser browser;

  @AfterEach
  void tearDown() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void masterPagesShowTheClusterAndFollowATaskLog() throws Exception {
    Browser.require();
    cluster = ProcessCluster.start("ui-master-pages");
    int[] httpPorts = {Await.freePort(), Await.freePort()};
    List<DroverProcess> masters = List.of(master("master-1", httpPorts[0]), master("master-2", httpPorts[1]));
    int agentPort = Await.freePort();
    String[] agentArgs = cluster.agentArgs("agent-1", agentPort, "cpus:2;mem:1024;disk:2048;ports:[30100-30199]");
    String[] withAttributes = java.util.Arrays.copyOf(agentArgs, agentArgs.length + 2);
    withAttributes[agentArgs.length] = "--attributes";
    withAttributes[agentArgs.length + 1] = "rack:r1;zone:a";
    cluster.agent("agent-1", withAttributes);
    Await.until("a master leads and the agent is registered", TIMEOUT, () -> cluster.activeAgents() == 1);
    LeaderInfo leader = cluster.leaders().leader().orElseThrow();

    LaunchingScheduler scheduler = new LaunchingScheduler();
    SchedulerDriver driver = DroverSchedulerDriver.builder(scheduler, FrameworkConfig.builder("ui-it-framework")
        .failoverTimeout(Duration.ofMinutes(5)).build()).zk(cluster.zk()).build();
    cluster.keep(driver::stop);
    driver.start();
    scheduler.submit("printer", "echo hello-before; while [ ! -f go ]; do sleep 0.1; done; "
        + "echo printed-after-open; exec sleep 600");
    driver.revive();
    Await.until("the task runs", TIMEOUT, () -> scheduler.reached("printer", TaskState.RUNNING));
    String agentId = cluster.state().path("agents").get(0).path("id").asText();

    browser = Browser.open(leader.httpUrl(), cluster.work());

    browser.go("#/");
    browser.untilText("section[data-page=overview] .card", "Agents");
    browser.untilText("section[data-page=overview] tr[data-master]", "leader");
    browser.until("both masters listed", d -> d.findElements(By.cssSelector("tr[data-master]")).size() == 2);
    browser.untilText(".card[data-resource=cpus]", "/ 2");
    browser.find(".card[data-resource=cpus] svg.usage-chart polyline");
    browser.untilText("#live", "live");
    browser.screenshot("overview");

    int standbyPort = leader.httpPort() == httpPorts[0] ? httpPorts[1] : httpPorts[0];
    browser.driver.get("http://127.0.0.1:" + standbyPort + "/#/frameworks");
    browser.until("the standby sent the browser to the leader", d -> d.getCurrentUrl().startsWith(
        leader.httpUrl() + "/") && d.getCurrentUrl().endsWith("#/frameworks"));

    browser.go("#/agents");
    WebElement row = browser.untilText("tr[data-agent='" + agentId + "']", "127.0.0.1");
    assertTrue(row.getText().contains("rack=r1"), row.getText());
    browser.click("tr[data-agent='" + agentId + "'] button.drain");
    browser.untilText("tr[data-agent='" + agentId + "']", "DRAINING");
    assertEquals("DRAINING", maintenanceState(agentId));
    browser.screenshot("agents");
    browser.click("tr[data-agent='" + agentId + "'] button.undrain");
    browser.until("the agent is up again", d -> "UP".equals(maintenanceState(agentId)));
    browser.untilText("tr[data-agent='" + agentId + "']", "UP");

    browser.go("#/agents/" + agentId);
    browser.untilText("section[data-page=agent] h1", "127.0.0.1");
    browser.untilText("section[data-page=agent] tr[data-task=printer]", "TASK_RUNNING");
    browser.screenshot("agent");

    browser.go("#/frameworks");
    browser.untilText("tr[data-framework='" + scheduler.frameworkId + "']", "ui-it-framework");
    browser.screenshot("frameworks");

    browser.go("#/tasks");
    browser.untilText("tr[data-task=printer]", "TASK_RUNNING");
    new Select(browser.find("select[name=state]")).selectByValue("TASK_FINISHED");
    browser.untilText("section[data-page=tasks] .empty", "No task matches");
    new Select(browser.find("select[name=state]")).selectByValue("TASK_RUNNING");
    new Select(browser.find("select[name=agent]")).selectByValue(agentId);
    browser.untilText("tr[data-task=printer]", "TASK_RUNNING");
    browser.screenshot("tasks");

    scheduler.submit("second", "exec sleep 600");
    driver.revive();
    Await.until("the second task runs", TIMEOUT, () -> scheduler.reached("second", TaskState.RUNNING));
    browser.go("#/tasks/" + scheduler.frameworkId + "/second");
    browser.untilText("section[data-page=task] table", "TASK_STAGING");
    browser.untilText("section[data-page=task] table", "TASK_RUNNING");
    browser.screenshot("task-history");

    browser.go("#/tasks/" + scheduler.frameworkId + "/printer");
    browser.untilText("section[data-page=task] h1", "TASK_RUNNING");
    browser.untilText("pre.log[data-file=stdout]", "hello-before");
    browser.untilText("section[data-page=task] table", "stdout");
    String sandbox = sandboxOf(agentPort, "printer");
    Files.writeString(Path.of(sandbox, "go"), "");
    browser.untilText("pre.log[data-file=stdout]", "printed-after-open");
    browser.screenshot("task");

    ProcessCluster.whichIs(masters, leader).kill9();
    browser.untilText("#banner", "Lost the connection to the master");
    browser.screenshot("banner-connection-lost");

    Await.until("the standby leads", TIMEOUT, () -> cluster.leaders().leader()
        .map(l -> l.httpPort() == standbyPort).orElse(false));
    master("master-3", leader.httpPort());
    browser.until("the page reconnected by itself and moved to the new leader", d -> d.getCurrentUrl()
        .startsWith("http://127.0.0.1:" + standbyPort + "/") && d.getCurrentUrl().endsWith("#/tasks/"
        + scheduler.frameworkId + "/printer"));
    browser.untilText("#live", "live");
    browser.untilText("pre.log[data-file=stdout]", "printed-after-open");
  }

  private DroverProcess master(String name, int httpPort) throws java.io.IOException {
    Path logs = Path.of(System.getProperty("drover.it.logs", "target/it-logs")).resolve("ui-master-pages");
    return cluster.keep(DroverProcess.start(name, logs, "master", "--zk", cluster.zk(), "--hostname", "127.0.0.1",
        "--bind", "127.0.0.1", "--http-port", Integer.toString(httpPort), "--grpc-port",
        Integer.toString(Await.freePort()), "--zk-session-timeout", "2s"));
  }

  private String maintenanceState(String agentId) {
    try {
      LeaderInfo leader = cluster.leaders().leader().orElseThrow();
      String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(leader.httpUrl() + "/api/v1/maintenance")).timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode a : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("agents")) {
        if (a.path("agentId").asText().equals(agentId)) {
          return a.path("state").asText();
        }
      }
      return "UP";
    } catch (Exception e) {
      return "unknown: " + e;
    }
  }

  private String sandboxOf(int agentPort, String taskId) {
    JsonNode state = cluster.agentState(agentPort).orElseThrow();
    for (JsonNode t : state.path("tasks")) {
      if (t.path("id").asText().equals(taskId)) {
        return t.path("sandbox").asText();
      }
    }
    throw new AssertionError("the agent has no task " + taskId + ": " + state);
  }
}
