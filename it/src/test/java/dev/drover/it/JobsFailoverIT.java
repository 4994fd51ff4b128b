package dev.drover.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leading {@code drover jobs} instance is killed with kill -9 while a job fires every second: the other
 * instance takes over, and every tick from the first to the last has exactly one run (none doubled, none lost).
 */
class JobsFailoverIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private ProcessCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheLeaderNeitherDoublesNorLosesATick() throws Exception {
    cluster = ProcessCluster.start("jobs-failover");
    cluster.master("master-1");
    cluster.agent("agent-1", "cpus:8;mem:8192;disk:4096;ports:[31400-31499]");
    Await.until("the agent registered", TIMEOUT, () -> cluster.activeAgents() == 1);
    ProcessCluster.JobsClient a = new ProcessCluster.JobsClient(Await.freePort());
    DroverProcess pa = cluster.jobs("jobs-a", a.port());
    Await.until("jobs-a leads", TIMEOUT, () -> a.answers() && a.status("GET", "/v1/jobs") == 200);
    ProcessCluster.JobsClient b = new ProcessCluster.JobsClient(Await.freePort());
    DroverProcess pb = cluster.jobs("jobs-b", b.port());
    Await.until("jobs-b answers", TIMEOUT, b::answers);

    a.json("POST", "/v1/jobs", "{'id':'sec','run':{'cmd':'echo $DROVER_TASK_ID','cpus':0.1,'mem':32},"
        + "'schedules':[{'id':'s','cron':'* * * * * *','startingDeadlineSeconds':60}],"
        + "'historyLimits':{'successful':1000,'failed':1000}}");
    Await.until("five ticks ran", TIMEOUT, () -> a.get("/v1/jobs/sec?embed=historySummary")
        .path("historySummary").path("successCount").asInt() >= 5);
    pa.kill9();
    Await.until("jobs-b leads", TIMEOUT, () -> b.status("GET", "/v1/jobs/sec") == 200);
    int before = b.get("/v1/jobs/sec?embed=historySummary").path("historySummary").path("successCount").asInt();
    Await.until("five more ticks ran under the new leader", TIMEOUT, () -> b.get("/v1/jobs/sec?embed=historySummary")
        .path("historySummary").path("successCount").asInt() >= before + 5);
    b.json("PUT", "/v1/jobs/sec/schedules/s", "{'cron':'* * * * * *','enabled':false}");
    Await.until("no run is in flight", TIMEOUT, () -> b.get("/v1/jobs/sec?embed=activeRuns")
        .path("activeRuns").isEmpty());

    List<JsonNode> runs = b.allRuns("sec");
    Map<Instant, Integer> perTick = new TreeMap<>();
    for (JsonNode r : runs) {
      perTick.merge(Instant.parse(r.get("scheduledAt").asText()), 1, Integer::sum);
    }
    Instant first = ((TreeMap<Instant, Integer>) perTick).firstKey();
    Instant last = ((TreeMap<Instant, Integer>) perTick).lastKey();
    for (Instant t = first; !t.isAfter(last); t = t.plusSeconds(1)) {
      assertEquals(1, perTick.getOrDefault(t, 0), "runs for tick " + t + " in " + perTick);
    }
    assertTrue(runs.stream().allMatch(r -> "SUCCESS".equals(r.path("status").asText())),
        "every tick ran (within its 60 s starting deadline): " + runs);
    assertTrue(pb.isAlive());
  }
}
