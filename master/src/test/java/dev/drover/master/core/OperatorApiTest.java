package dev.drover.master.core;

import static dev.drover.master.core.FailoverTest.FW;
import static dev.drover.master.core.FailoverTest.settle;
import static dev.drover.master.core.FailoverTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.http.HttpApi;
import dev.drover.master.launch.TaskSpec;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator HTTP API over a real Vert.x server, fed by a leading core with fake streams. */
class OperatorApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FailoverTest fixture = new FailoverTest();
  private final MasterCore core = fixture.leader(Duration.ofSeconds(10), 5, Duration.ofHours(1));
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private Vertx vertx;
  private HttpApi api;
  private String base;
  private FailoverTest.Setup setup;

  @BeforeEach
  void serve() {
    vertx = Vertx.vertx();
    LeaderInfo self = new LeaderInfo("m1", "127.0.0.1", 5051, 0, "test");
    api = HttpApi.start(vertx, "127.0.0.1", 0, () -> new HttpApi.Sources(self, core::isLeader, Optional::empty,
        core::snapshot, core, Duration.ofMillis(200)));
    base = "http://127.0.0.1:" + api.port();
    setup = fixture.runningTask(core, FW);
    FakeChannels.Framework f = setup.framework();
    core.frameworkCall(f, f.id, new FrameworkCall.Revive());
    settle(core);
    core.frameworkCall(f, f.id, new FrameworkCall.Accept(List.of(f.offers.get(f.offers.size() - 1).id()), true,
        List.of(new TaskSpec("t2", "t", "", Resources.parse("cpus:0.5"), null, new byte[0])), null));
    settle(core);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    fixture.stop();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private void refused(int status, String field, String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(field, JSON.readTree(r.body()).path("field").asText(), r.body());
  }

  @Test
  void tasksAreFilteredAndPaged() throws Exception {
    JsonNode all = ok("GET", "/api/v1/tasks", null);
    assertEquals(2, all.path("total").asInt());
    JsonNode running = ok("GET", "/api/v1/tasks?state=TASK_RUNNING", null);
    assertEquals(1, running.path("total").asInt());
    assertEquals("t1", running.path("tasks").get(0).path("id").asText());
    JsonNode page = ok("GET", "/api/v1/tasks?framework=" + setup.framework().id + "&offset=1&limit=1", null);
    assertEquals(2, page.path("total").asInt());
    assertEquals(1, page.path("tasks").size());
    assertEquals(0, ok("GET", "/api/v1/tasks?agent=elsewhere", null).path("total").asInt());
    refused(400, "limit", "GET", "/api/v1/tasks?limit=0", null);
    refused(400, "offset", "GET", "/api/v1/tasks?offset=x", null);
    refused(400, "state", "GET", "/api/v1/tasks?state=SLEEPY", null);
  }

  @Test
  void maintenanceDrainsAndUndrainsAndNamesTheBadField() throws Exception {
    refused(400, "agentId", "POST", "/api/v1/maintenance/drain", "{}");
    refused(400, "body", "POST", "/api/v1/maintenance/drain", "{nope");
    refused(400, "kill", "POST", "/api/v1/maintenance/drain", "{\"agentId\":\"a\",\"kill\":\"yes\"}");
    refused(404, "agentId", "POST", "/api/v1/maintenance/drain", "{\"agentId\":\"nobody\"}");
    JsonNode drained = ok("POST", "/api/v1/maintenance/drain",
        "{\"agentId\":\"" + setup.agent().id + "\",\"gracePeriodSeconds\":30,\"kill\":true}");
    assertEquals("DRAINING", drained.path("state").asText());
    assertEquals(setup.agent().id, ok("GET", "/api/v1/maintenance", null).path("agents").get(0).path("agentId")
        .asText());
    ok("POST", "/api/v1/maintenance/undrain", "{\"agentId\":\"" + setup.agent().id + "\"}");
    assertEquals(0, ok("GET", "/api/v1/maintenance", null).path("agents").size());
    refused(400, "agentId", "POST", "/api/v1/maintenance/undrain", "{\"agentId\":\"" + setup.agent().id + "\"}");
  }

  @Test
  void rolesAreReadAndChanged() throws Exception {
    assertTrue(ok("GET", "/api/v1/roles", null).path("roles").isArray());
    refused(400, "weight", "PUT", "/api/v1/roles/web", "{\"weight\":-1}");
    refused(400, "quota.foo", "PUT", "/api/v1/roles/web", "{\"quota\":{\"foo\":1}}");
    refused(400, "body", "PUT", "/api/v1/roles/web", "{}");
    JsonNode web = ok("PUT", "/api/v1/roles/web", "{\"weight\":2,\"quota\":{\"cpus\":4}}");
    assertEquals("web", web.path("name").asText());
    assertEquals(2.0, web.path("weight").asDouble(), "the answer shows the change it made: " + web);
    assertEquals(4.0, web.path("quota").path("cpus").asDouble(), web.toString());
  }

  @Test
  void nonFiniteAndHugeNumbersAreRefused() throws Exception {
    refused(400, "weight", "PUT", "/api/v1/roles/web", "{\"weight\":1e400}");
    refused(400, "quota.cpus", "PUT", "/api/v1/roles/web", "{\"quota\":{\"cpus\":1e400}}");
    refused(400, "quota.mem", "PUT", "/api/v1/roles/web", "{\"quota\":{\"mem\":-1e400}}");
    refused(400, "gracePeriodSeconds", "POST", "/api/v1/maintenance/drain",
        "{\"agentId\":\"a\",\"gracePeriodSeconds\":1e400}");
    refused(400, "gracePeriodSeconds", "POST", "/api/v1/maintenance/drain",
        "{\"agentId\":\"a\",\"gracePeriodSeconds\":1e300}");
    assertEquals(0, ok("GET", "/api/v1/maintenance", null).path("agents").size());
  }

  @Test
  void aQueryThatDoesNotDecodeIs400() throws Exception {
    URI uri = URI.create(base);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.getOutputStream().write(("GET /api/v1/tasks?limit=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
      assertTrue(answer.contains("\"field\":\"query\""), answer);
    }
  }

  @Test
  void trailingGarbageAndMalformedUtf8AreRefused() throws Exception {
    refused(400, "body", "PUT", "/api/v1/roles/utf", "{\"weight\":2} trailing");
    byte[] bad = "{\"weight\":2,\"x\":\"a?\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    bad[bad.length - 3] = (byte) 0xFF;
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/roles/utf"))
        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bad)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("UTF-8"), r.body());
    assertFalse(ok("GET", "/api/v1/roles", null).toString().contains("\"utf\""));
  }

  @Test
  void metricsRedirectAndHealth() throws Exception {
    HttpResponse<String> metrics = call("GET", "/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("drover_tasks{state=\"TASK_RUNNING\"} 1.0"), metrics.body());
    assertTrue(metrics.body().contains("drover_allocation_cycles_seconds_count"), metrics.body());
    HttpResponse<String> redirect = call("GET", "/redirect", null);
    assertEquals(307, redirect.statusCode());
    assertEquals("http://127.0.0.1:0", redirect.headers().firstValue("Location").orElseThrow());
    assertEquals(200, call("GET", "/health", null).statusCode());
  }

  @Test
  void eventsStreamTaskUpdatesAsServerSentEvents() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
        .build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
    Thread reader = new Thread(() -> {
      try {
        stream.body().forEach(lines::add);
      } catch (java.io.UncheckedIOException closed) {
        // the test closed the stream
      }
    });
    reader.setDaemon(true);
    reader.start();
    await(() -> lines.contains(": connected"), "the stream opened");
    core.agentStatusUpdate(setup.agent(), setup.framework().id, status("t2", setup.framework().id,
        setup.agent().id, TaskState.RUNNING, 5));
    settle(core);
    await(() -> lines.contains("event: TASK_UPDATED"), "a TASK_UPDATED event");
    String data = lines.get(lines.indexOf("event: TASK_UPDATED") + 1);
    assertTrue(data.startsWith("data: {") && data.contains("\"taskId\":\"t2\"")
        && data.contains("TASK_RUNNING"), data);
    await(() -> lines.contains(": heartbeat"), "a heartbeat comment");
    stream.body().close();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
