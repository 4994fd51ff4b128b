package dev.drover.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.testkit.Await;
import dev.drover.testkit.DroverCluster;
import dev.drover.testkit.TaskBehavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two jobs instances against an in-process cluster (embedded ZooKeeper, real masters, simulated agents). */
class JobsServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static DroverCluster cluster = DroverCluster.builder().agents(2).simulated()
      .behavior(t -> t.command().contains("false") ? TaskBehavior.runFor(Duration.ofMillis(50), 1)
          : TaskBehavior.runFor(Duration.ofMillis(50), 0))
      .build();

  static JobsService a;
  static JobsService b;

  @BeforeAll
  static void start() throws Exception {
    JobsOptions o = JobsOptions.defaults().withZkSessionTimeout(Duration.ofSeconds(2))
        .withLookahead(Duration.ofSeconds(1));
    a = JobsService.start(cluster.zkConnect(), "127.0.0.1", 0, o);
    Await.until("a leads", Duration.ofSeconds(10), a::isLeader);
    b = JobsService.start(cluster.zkConnect(), "127.0.0.1", 0, o);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  static HttpResponse<String> send(JobsService s, String method, String path, String body) {
    try {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
      r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
      return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(r.body(), e);
    }
  }

  @Test
  void invalidDefinitionsAre422WithThePathAndNothingIsStored() {
    HttpResponse<String> r = send(a, "POST", "/v1/jobs", "{'id':'bad','run':{'cmd':'x','cpus':0.001,'mem':64}}");
    assertEquals(422, r.statusCode(), r.body());
    JsonNode d = json(r).get("details").get(0);
    assertEquals("/run/cpus", d.get("path").asText());
    assertEquals("must be >= 0.01", d.get("errors").get(0).asText());
    assertEquals(404, send(a, "GET", "/v1/jobs/bad", null).statusCode());
    assertEquals(422, send(a, "POST", "/v1/jobs", "{not json").statusCode());
  }

  @Test
  void trailingGarbageAndMalformedUtf8Are422AndStoreNothing() throws Exception {
    HttpResponse<String> r = send(a, "POST", "/v1/jobs", "{'id':'trail','run':{'cmd':'x','cpus':0.1,'mem':64}} x");
    assertEquals(422, r.statusCode(), r.body());
    assertEquals(404, send(a, "GET", "/v1/jobs/trail", null).statusCode());
    byte[] bad = "{\"id\":\"utf\",\"run\":{\"cmd\":\"x?\",\"cpus\":0.1,\"mem\":64}}".getBytes();
    bad[bad.length - 24] = (byte) 0xC3;
    r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/v1/jobs"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bad)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(422, r.statusCode(), r.body());
    assertTrue(r.body().contains("UTF-8"), r.body());
    assertEquals(404, send(a, "GET", "/v1/jobs/utf", null).statusCode());
  }

  @Test
  void scheduledRunsHappenAndAManualRunFinishesWithHistory() {
    HttpResponse<String> r = send(a, "POST", "/v1/jobs", "{'id':'tick','run':{'cmd':'true','cpus':0.1,'mem':32},"
        + "'schedules':[{'id':'every2s','cron':'*/2 * * * * *'}]}");
    assertEquals(201, r.statusCode(), r.body());
    Await.until("two scheduled runs succeeded", Duration.ofSeconds(20), () -> json(send(a, "GET",
        "/v1/jobs/tick?embed=historySummary", null)).path("historySummary").path("successCount").asInt() >= 2);

    assertEquals(201, send(a, "POST", "/v1/jobs", "{'id':'manual','run':{'cmd':'true','cpus':0.1,'mem':32}}")
        .statusCode());
    JsonNode run = json(send(a, "POST", "/v1/jobs/manual/runs", null));
    String runId = run.get("id").asText();
    Await.until("the manual run succeeded", Duration.ofSeconds(20), () -> "SUCCESS".equals(json(send(a, "GET",
        "/v1/jobs/manual/runs/" + runId, null)).path("status").asText()));
    JsonNode job = json(send(a, "GET", "/v1/jobs/manual?embed=history", null));
    JsonNode h = job.get("history").get("successfulFinishedRuns").get(0);
    assertEquals(runId, h.get("id").asText());
    assertEquals(0, h.get("exitCode").asInt());
    assertTrue(h.hasNonNull("agentId") && h.hasNonNull("taskId") && h.hasNonNull("logs"), h.toString());
    assertTrue(h.hasNonNull("startedAt") && h.hasNonNull("finishedAt"), h.toString());
  }

  @Test
  void aFailingJobRetriesPerPolicy() {
    send(a, "POST", "/v1/jobs", "{'id':'flaky','run':{'cmd':'false','cpus':0.1,'mem':32,"
        + "'restart':{'policy':'ON_FAILURE','activeDeadlineSeconds':2}}}");
    String runId = json(send(a, "POST", "/v1/jobs/flaky/runs", null)).get("id").asText();
    Await.until("the run failed for good", Duration.ofSeconds(20), () -> "FAILED".equals(json(send(a, "GET",
        "/v1/jobs/flaky/runs/" + runId, null)).path("status").asText()));
    JsonNode run = json(send(a, "GET", "/v1/jobs/flaky/runs/" + runId, null));
    assertTrue(run.get("attempt").asInt() >= 2, run.toString());
    assertEquals(1, run.get("exitCode").asInt());
  }

  @Test
  void aFollowerProxiesToTheLeader() {
    send(a, "POST", "/v1/jobs", "{'id':'via.a','run':{'cmd':'true','cpus':0.1,'mem':32}}");
    assertEquals("pong", send(b, "GET", "/ping", null).body());
    HttpResponse<String> r = send(b, "GET", "/v1/jobs/via.a", null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("via.a", json(r).get("id").asText());
    assertEquals(201, send(b, "POST", "/v1/jobs", "{'id':'via.b','run':{'cmd':'true','cpus':0.1,'mem':32}}")
        .statusCode());
    assertEquals(200, send(a, "GET", "/v1/jobs/via.b", null).statusCode());
    assertEquals(String.valueOf(a.port()), json(send(b, "GET", "/leader", null)).get("leader").asText()
        .split(":")[1]);
  }

  @Test
  void graphQueueInfoAndMetrics() {
    send(a, "POST", "/v1/jobs", "{'id':'p','run':{'cmd':'true','cpus':0.1,'mem':32}}");
    send(a, "POST", "/v1/jobs", "{'id':'c','run':{'cmd':'true','cpus':0.1,'mem':32},'dependencies':[{'id':'p'}]}");
    HttpResponse<String> cyc = send(a, "PUT", "/v1/jobs/p", "{'run':{'cmd':'true','cpus':0.1,'mem':32},"
        + "'dependencies':[{'id':'c'}]}");
    assertEquals(422, cyc.statusCode(), cyc.body());
    assertTrue(send(a, "GET", "/v1/dependency-graph?format=dot", null).body().contains("\"p\" -> \"c\";"));
    assertEquals(200, send(a, "GET", "/v1/queue", null).statusCode());
    assertTrue(json(send(a, "GET", "/info", null)).get("leader").asBoolean());
    assertTrue(send(a, "GET", "/metrics", null).body().contains("drover_jobs_runs_started_total"));
  }

  @Test
  void schedulesCanBeSuspendedResumedAndReplaced() {
    send(a, "POST", "/v1/jobs", "{'id':'sched','run':{'cmd':'true','cpus':0.1,'mem':32}}");
    assertEquals(201, send(a, "POST", "/v1/jobs/sched/schedules", "{'id':'s','cron':'0 3 * * *',"
        + "'timezone':'Asia/Kolkata'}").statusCode());
    assertEquals(409, send(a, "POST", "/v1/jobs/sched/schedules", "{'id':'s','cron':'0 3 * * *'}").statusCode());
    HttpResponse<String> bad = send(a, "PUT", "/v1/jobs/sched/schedules/s", "{'cron':'0 3 * * *','timezone':'X/Y'}");
    assertEquals(422, bad.statusCode());
    assertEquals("/timezone", json(bad).get("details").get(0).get("path").asText());
    assertEquals(200, send(a, "PUT", "/v1/jobs/sched/schedules/s", "{'cron':'0 3 * * *','enabled':false}")
        .statusCode());
    assertEquals(false, json(send(a, "GET", "/v1/jobs/sched/schedules/s", null)).get("enabled").asBoolean());
    assertEquals("UTC", json(send(a, "GET", "/v1/jobs/sched/schedules", null)).get(0).get("timezone").asText());
    assertEquals(200, send(a, "DELETE", "/v1/jobs/sched/schedules/s", null).statusCode());
    assertEquals(404, send(a, "GET", "/v1/jobs/sched/schedules/s", null).statusCode());
    assertEquals(200, send(a, "DELETE", "/v1/jobs/sched", null).statusCode());
    assertEquals(404, send(a, "GET", "/v1/jobs/sched", null).statusCode());
  }

  @Test
  void eventsStreamRunChangesAlsoThroughTheFollower() throws Exception {
    send(a, "POST", "/v1/jobs", "{'id':'evented','run':{'cmd':'true','cpus':0.1,'mem':32}}");
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/v1/events")).build();
    var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
    var stream = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> r.body().forEach(lines::add));
    Await.until("the stream is open", Duration.ofSeconds(10), () -> lines.contains(": connected"));
    send(a, "POST", "/v1/jobs/evented/runs", null);
    Await.until("a success event arrived", Duration.ofSeconds(20),
        () -> lines.contains("event: job_run_success"));
    stream.cancel(true);
  }
}
