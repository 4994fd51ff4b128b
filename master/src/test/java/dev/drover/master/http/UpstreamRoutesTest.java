package dev.drover.master.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.master.state.AgentState;
import dev.drover.master.state.StateSnapshot;
import dev.drover.model.Resources;
import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master's one origin for the UI, over real HTTP: the UI's assets at {@code /}, a framework's leader under
 * {@code /frameworks/<name>/}, an agent's sandbox under {@code /agents/<id>/sandbox/}, each against a fake upstream.
 */
class UpstreamRoutesTest {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private Vertx vertx;
  private HttpServer upstream;
  private HttpApi api;
  private String base;
  private final AtomicReference<Optional<LeaderInfo>> appsLeader = new AtomicReference<>(Optional.empty());

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/v2/apps" -> req.body().onSuccess(body -> req.response().setStatusCode(
                "POST".equals(req.method().name()) ? 201 : 200).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("method", req.method().name()).put("query", req.query())
                .put("body", body.toString()).encode()));
        case "/v2/events" -> req.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
            .write("event: deployment_info\ndata: {\"n\":1}\n\n"); // never ends: only unbuffered relays show it
        case "/files/fw-1/task-1/browse" -> req.response().putHeader("Content-Type", "application/json")
            .end("[{\"name\":\"stdout\",\"dir\":false,\"size\":3,\"mtime\":0}]");
        default -> req.response().setStatusCode(404).end("{\"error\":\"upstream 404\"}");
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int port = upstream.actualPort();
    LeaderInfo self = new LeaderInfo("m1", "127.0.0.1", 5050, 0, "test");
    StateSnapshot snapshot = new StateSnapshot(true, List.of(new StateSnapshot.AgentView("agent-1", "127.0.0.1",
        port, true, Resources.parse("cpus:1"), Resources.EMPTY, Map.of(), AgentState.ACTIVE)), List.of(), List.of());
    api = HttpApi.start(vertx, "127.0.0.1", 0, () -> new HttpApi.Sources(self, () -> true, Optional::empty,
        () -> snapshot, null, Duration.ofSeconds(1), name -> "apps".equals(name) ? appsLeader.get()
        : Optional.empty(), () -> List.of(
        new ZkDirectory.MasterView("m1", true, Optional.empty()),
        new ZkDirectory.MasterView("m2", false, Optional.of(new LeaderInfo("m2", "10.0.0.2", 5061, 5060, "test"))))));
    base = "http://127.0.0.1:" + api.port();
    appsLeader.set(Optional.of(new LeaderInfo("apps-1", "127.0.0.1", 0, port, "test")));
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void stateListsEveryMasterWithItsAddressesAndRole() throws Exception {
    HttpResponse<String> r = call("GET", "/api/v1/state", null);
    assertEquals(200, r.statusCode(), r.body());
    io.vertx.core.json.JsonArray masters = new JsonObject(r.body()).getJsonArray("masters");
    assertEquals(2, masters.size(), r.body());
    assertEquals(new JsonObject().put("id", "m1").put("role", "leader").put("leader", true).put("host", "127.0.0.1")
        .put("grpcPort", 5050).put("httpPort", 0), masters.getJsonObject(0));
    assertEquals(new JsonObject().put("id", "m2").put("role", "standby").put("leader", false).put("host", "10.0.0.2")
        .put("grpcPort", 5061).put("httpPort", 5060), masters.getJsonObject(1));
  }

  @Test
  void forwardsToTheFrameworkLeaderWithMethodQueryAndBody() throws Exception {
    HttpResponse<String> r = call("POST", "/frameworks/apps/v2/apps?force=true", "{\"id\":\"/web\"}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject echoed = new JsonObject(r.body());
    assertEquals("POST", echoed.getString("method"));
    assertEquals("force=true", echoed.getString("query"));
    assertEquals("{\"id\":\"/web\"}", echoed.getString("body"));
    assertEquals(404, call("GET", "/frameworks/apps/v2/nothing", null).statusCode());
  }

  @Test
  void streamsServerSentEventsWithoutWaitingForTheEnd() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/frameworks/apps/v2/events"))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertEquals("event: deployment_info", in.readLine());
      assertEquals("data: {\"n\":1}", in.readLine());
    }
  }

  @Test
  void aFrameworkWithoutLeaderOrUnknownIsRefusedWithAReason() throws Exception {
    appsLeader.set(Optional.empty());
    HttpResponse<String> none = call("GET", "/frameworks/apps/v2/apps", null);
    assertEquals(503, none.statusCode());
    assertTrue(none.body().contains("apps framework has no leader"), none.body());
    HttpResponse<String> unknown = call("GET", "/frameworks/other/x", null);
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("\"field\":\"name\""), unknown.body());
  }

  @Test
  void anUnreachableLeaderAnswers502() throws Exception {
    appsLeader.set(Optional.of(new LeaderInfo("apps-1", "127.0.0.1", 0, freePort(), "test")));
    HttpResponse<String> r = call("GET", "/frameworks/apps/v2/apps", null);
    assertEquals(502, r.statusCode());
    assertTrue(r.body().contains("did not answer"), r.body());
  }

  @Test
  void reachesAnAgentsSandboxByItsRegisteredAddress() throws Exception {
    HttpResponse<String> r = call("GET", "/agents/agent-1/sandbox/fw-1/task-1/browse", null);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"stdout\""), r.body());
    HttpResponse<String> unknown = call("GET", "/agents/nobody/sandbox/fw-1/task-1/browse", null);
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("agentId"), unknown.body());
  }

  @Test
  void servesTheUiAtTheRoot() throws Exception {
    HttpResponse<String> index = call("GET", "/", null);
    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("js/app.js"), index.body());
    HttpResponse<String> js = call("GET", "/js/app.js", null);
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"));
    assertEquals(404, call("GET", "/no-such-asset.js", null).statusCode());
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
