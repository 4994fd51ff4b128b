package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs framework with real processes: ZooKeeper, a master, an agent running real commands and two
 * {@code drover jobs} instances (one leads, the other proxies). Schedules use seconds so no test waits for a minute.
 */
class JobsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static ProcessCluster cluster;
  private static ProcessCluster.JobsClient leader;
  private static ProcessCluster.JobsClient follower;

  @BeforeAll
  static void start() throws Exception {
    cluster = ProcessCluster.start("jobs");
    cluster.master("master-1");
    cluster.agent("agent-1", "cpus:8;mem:8192;disk:4096;ports:[31300-31399]");
    Await.until("the agent registered", TIMEOUT, () -> cluster.activeAgents() == 1);
    ProcessCluster.JobsClient a = new ProcessCluster.JobsClient(Await.freePort());
    cluster.jobs("jobs-a", a.port());
    Await.until("jobs-a answers", TIMEOUT, a::answers);
    ProcessCluster.JobsClient b = new ProcessCluster.JobsClient(Await.freePort());
    cluster.jobs("jobs-b", b.port());
    Await.until("jobs-b answers", TIMEOUT, b::answers);
    Await.until("a jobs leader is elected", TIMEOUT, () -> a.status("GET", "/v1/jobs") == 200);
    String leaderPort = a.get("/leader").get("leader").asText().split(":")[1];
    leader = leaderPort.equals(Integer.toString(a.port())) ? a : b;
    follower = leader == a ? b : a;
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void scheduledRunsHappenOnTheirTicks() throws Exception {
    leader.json("POST", "/v1/jobs", "{'id':'every2s','run':{'cmd':'echo tick','cpus':0.1,'mem':32},"
        + "'schedules':[{'id':'s','cron':'*/2 * * * * *'}],'historyLimits':{'successful':100,'failed':100}}");
    Await.until("four scheduled runs succeeded", TIMEOUT, () -> leader.get("/v1/jobs/every2s?embed=historySummary")
        .path("historySummary").path("successCount").asInt() >= 4);
    List<JsonNode> done = leader.allRuns("every2s").stream()
        .filter(r -> "SUCCESS".equals(r.path("status").asText())).toList();
    List<Instant> ticks = done.stream().map(r -> Instant.parse(r.get("scheduledAt").asText())).sorted().toList();
    for (int i = 1; i < ticks.size(); i++) {
      assertEquals(Duration.ofSeconds(2), Duration.between(ticks.get(i - 1), ticks.get(i)), "ticks " + ticks);
    }
    for (JsonNode r : done) {
      assertTrue(r.get("scheduledAt").asText().endsWith("Z"));
      assertTrue(!Instant.parse(r.get("launchedAt").asText()).isBefore(Instant.parse(r.get("scheduledAt").asText())),
          "never launched before its tick: " + r);
    }
    assertEquals(0, leader.get("/v1/jobs/every2s?embed=historySummary").path("historySummary").path("missedCount")
        .asInt());
    leader.json("DELETE", "/v1/jobs/every2s?stopCurrentJobRuns=true", null);
  }

  @Test
  void aManualRunGoesRunningThenFinishedWithHistory() throws Exception {
    follower.json("POST", "/v1/jobs", "{'id':'manual','run':{'cmd':'sleep 1; echo done','cpus':0.1,'mem':32}}");
    String runId = follower.json("POST", "/v1/jobs/manual/runs", null).get("id").asText();
    Await.until("the run is ACTIVE", TIMEOUT,
        () -> "ACTIVE".equals(leader.get("/v1/jobs/manual/runs/" + runId).path("status").asText()));
    Await.until("the run succeeded", TIMEOUT,
        () -> "SUCCESS".equals(leader.get("/v1/jobs/manual/runs/" + runId).path("status").asText()));
    JsonNode h = leader.get("/v1/jobs/manual?embed=history").get("history");
    assertEquals(1, h.get("successCount").asInt());
    JsonNode run = h.get("successfulFinishedRuns").get(0);
    assertEquals(runId, run.get("id").asText());
    assertEquals(0, run.get("exitCode").asInt());
    for (String f : List.of("createdAt", "startedAt", "finishedAt", "agentId", "taskId", "logs")) {
      assertTrue(run.hasNonNull(f), f + " in " + run);
    }
  }

  @Test
  void aFailingJobRetriesPerItsPolicy() throws Exception {
    leader.json("POST", "/v1/jobs", "{'id':'flaky','run':{'cmd':'exit 3','cpus':0.1,'mem':32,"
        + "'restart':{'policy':'ON_FAILURE','activeDeadlineSeconds':4}}}");
    String runId = leader.json("POST", "/v1/jobs/flaky/runs", null).get("id").asText();
    Await.until("the run failed for good", TIMEOUT,
        () -> "FAILED".equals(leader.get("/v1/jobs/flaky/runs/" + runId).path("status").asText()));
    JsonNode run = leader.get("/v1/jobs/flaky/runs/" + runId);
    assertTrue(run.get("attempt").asInt() >= 3, "1 s then 2 s backoff within 4 s: " + run);
    assertEquals(3, run.get("exitCode").asInt());
  }

  @Test
  void aChildRunsOnlyAfterItsParentSucceeds() throws Exception {
    leader.json("POST", "/v1/jobs", "{'id':'parent','run':{'cmd':'sleep 1','cpus':0.1,'mem':32}}");
    leader.json("POST", "/v1/jobs", "{'id':'child','run':{'cmd':'true','cpus':0.1,'mem':32},"
        + "'dependencies':[{'id':'parent'}]}");
    assertEquals(422, leader.send("PUT", "/v1/jobs/parent", "{'run':{'cmd':'sleep 1','cpus':0.1,'mem':32},"
        + "'dependencies':[{'id':'child'}]}").statusCode());
    assertTrue(leader.allRuns("child").isEmpty());
    leader.json("POST", "/v1/jobs/parent/runs", null);
    Await.until("the child succeeded", TIMEOUT, () -> leader.get("/v1/jobs/child?embed=historySummary")
        .path("historySummary").path("successCount").asInt() == 1);
    JsonNode parentRun = leader.get("/v1/jobs/parent?embed=history").get("history").get("successfulFinishedRuns")
        .get(0);
    JsonNode childRun = leader.get("/v1/jobs/child?embed=history").get("history").get("successfulFinishedRuns")
        .get(0);
    assertEquals("dependency", childRun.get("trigger").asText());
    assertTrue(!Instant.parse(childRun.get("createdAt").asText())
        .isBefore(Instant.parse(parentRun.get("finishedAt").asText())), childRun + " after " + parentRun);
  }
}
