package dev.drover.apps.http;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.runtime.FakeRuntime;
import dev.drover.apps.runtime.QueueView;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsRestTest {
  private final RestFixture f = new RestFixture();

  AppsRestTest() throws Exception {}

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void postAnswers201WithLocationAndDeploymentHeaders() throws Exception {
    HttpResponse<String> r = f.call("POST", "/v2/apps", "{'id': '/prod/web', 'cmd': 'sleep 100', 'instances': 3}");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("/v2/apps/prod/web", r.headers().firstValue("Location").orElseThrow());
    assertEquals("d-1", r.headers().firstValue("Marathon-Deployment-Id").orElseThrow());
    JsonNode app = f.json(r);
    assertEquals("/prod/web", app.path("id").asText());
    assertEquals(3, app.path("instances").asInt());
    assertEquals(128, app.path("mem").asInt());
    assertTrue(app.has("version"));
  }

  @Test
  void invalidIs422InMarathonsShapeAndStoresNothing() throws Exception {
    HttpResponse<String> r = f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x', 'instances': -1, 'foo': 1}");
    assertEquals(422, r.statusCode());
    JsonNode body = f.json(r);
    assertEquals("Object is not valid", body.path("message").asText());
    Map<String, String> details = new java.util.HashMap<>();
    body.path("details").forEach(d -> details.put(d.path("path").asText(), d.path("errors").get(0).asText()));
    assertEquals(Map.of("/instances", "must be >= 0", "/foo", "unknown field"), details);
    assertEquals(List.of(), f.state.list(""));
    assertEquals(400, f.call("POST", "/v2/apps", "{not json").statusCode());
    assertEquals(List.of(), f.state.list(""));
  }

  @Test
  void trailingGarbageAndMalformedUtf8Are400AndStoreNothing() throws Exception {
    HttpResponse<String> r = f.call("POST", "/v2/groups", "{'id': 'x'} trailing");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("Invalid JSON"), r.body());
    byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', '/', 'a', (byte) 0xC3, '(', '"', ',', '"', 'c', 'm', 'd', '"',
        ':', '"', 'x', '"', '}'};
    r = f.callBytes("POST", "/v2/apps", bad);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("UTF-8"), r.body());
    assertEquals(404, f.call("GET", "/v2/groups/x", null).statusCode());
    assertEquals(0, f.json(f.call("GET", "/v2/apps", null)).path("apps").size());
  }

  @Test
  void getPutPatchDeleteOfOneApp() throws Exception {
    f.call("POST", "/v2/apps", "{'id': '/prod/web', 'cmd': 'sleep 100'}");
    f.runtime.tasks.add(FakeRuntime.running("prod_web.1", "/prod/web", "h1"));
    JsonNode got = f.json(f.call("GET", "/v2/apps/prod/web", null)).path("app");
    assertEquals(1, got.path("tasksRunning").asInt());
    assertEquals("prod_web.1", got.path("tasks").get(0).path("id").asText());
    HttpResponse<String> put = f.call("PUT", "/v2/apps/prod/web", "{'instances': 2}");
    assertEquals(200, put.statusCode(), put.body());
    assertTrue(f.json(put).has("deploymentId"));
    assertTrue(f.json(put).has("version"));
    assertEquals(200, f.call("PATCH", "/v2/apps/prod/web", "{'mem': 64}").statusCode());
    JsonNode after = f.json(f.call("GET", "/v2/apps/prod/web", null)).path("app");
    assertEquals(2, after.path("instances").asInt());
    assertEquals(64, after.path("mem").asInt());
    assertEquals(200, f.call("DELETE", "/v2/apps/prod/web", null).statusCode());
    HttpResponse<String> gone = f.call("GET", "/v2/apps/prod/web", null);
    assertEquals(404, gone.statusCode());
    assertEquals("App '/prod/web' does not exist", f.json(gone).path("message").asText());
  }

  @Test
  void putOnANewIdCreatesButPatchIs404() throws Exception {
    assertEquals(404, f.call("PATCH", "/v2/apps/new", "{'cmd': 'x'}").statusCode());
    assertEquals(201, f.call("PUT", "/v2/apps/new", "{'cmd': 'x'}").statusCode());
  }

  @Test
  void anAppMayBeNamedLikeASuffix() throws Exception {
    assertEquals(201, f.call("POST", "/v2/apps", "{'id': '/x/tasks', 'cmd': 'x'}").statusCode());
    assertEquals("/x/tasks", f.json(f.call("GET", "/v2/apps/x/tasks", null)).path("app").path("id").asText());
  }

  @Test
  void conflictIs409WithTheDeploymentsAndForceOverrides() throws Exception {
    f.runtime.keepInFlight = true;
    f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x'}");
    HttpResponse<String> r = f.call("PUT", "/v2/apps/a", "{'instances': 3}");
    assertEquals(409, r.statusCode());
    assertEquals("d-1", f.json(r).path("deployments").get(0).path("id").asText());
    assertEquals(200, f.call("PUT", "/v2/apps/a?force=true", "{'instances': 3}").statusCode());
    JsonNode ds = f.json(f.call("GET", "/v2/deployments", null));
    assertEquals(1, ds.size());
    assertEquals("/a", ds.get(0).path("affectedApps").get(0).asText());
    assertEquals(1, ds.get(0).path("totalSteps").asInt());
    HttpResponse<String> rollback = f.call("DELETE", "/v2/deployments/" + ds.get(0).path("id").asText(), null);
    assertEquals(200, rollback.statusCode(), rollback.body());
    assertEquals(1, f.json(f.call("GET", "/v2/apps/a", null)).path("app").path("instances").asInt());
    f.call("PUT", "/v2/apps/a", "{'instances': 4}");
    String id = f.json(f.call("GET", "/v2/deployments", null)).get(0).path("id").asText();
    assertEquals(202, f.call("DELETE", "/v2/deployments/" + id + "?force=true", null).statusCode());
    assertEquals(404, f.call("DELETE", "/v2/deployments/nope", null).statusCode());
  }

  @Test
  void listFiltersAndEmbeds() throws Exception {
    f.call("POST", "/v2/apps", "{'id': '/prod/web', 'cmd': 'x', 'labels': {'tier': 'front'}}");
    f.call("POST", "/v2/apps", "{'id': '/prod/db', 'cmd': 'x', 'labels': {'tier': 'back'}}");
    f.runtime.tasks.add(FakeRuntime.running("t1", "/prod/web", "h1"));
    assertEquals(2, f.json(f.call("GET", "/v2/apps", null)).path("apps").size());
    assertEquals(1, f.json(f.call("GET", "/v2/apps?id=web", null)).path("apps").size());
    JsonNode byLabel = f.json(f.call("GET", "/v2/apps?label=tier==back", null)).path("apps");
    assertEquals("/prod/db", byLabel.get(0).path("id").asText());
    JsonNode plain = f.json(f.call("GET", "/v2/apps?id=web", null)).path("apps").get(0);
    assertFalse(plain.has("tasks"));
    assertEquals(1, plain.path("tasksRunning").asInt());
    JsonNode embedded = f.json(f.call("GET", "/v2/apps?id=web&embed=apps.tasks", null)).path("apps").get(0);
    assertEquals("t1", embedded.path("tasks").get(0).path("id").asText());
    // the streamed list renders an app exactly as GET /v2/apps/{id} does
    assertEquals(f.json(f.call("GET", "/v2/apps/prod/web", null)).path("app"), embedded);
  }

  @Test
  void tasksVersionsRestartAndKill() throws Exception {
    f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x', 'instances': 2}");
    f.runtime.tasks.add(FakeRuntime.running("a.1", "/a", "h1"));
    f.runtime.tasks.add(FakeRuntime.running("a.2", "/a", "h2"));
    assertEquals(2, f.json(f.call("GET", "/v2/apps/a/tasks", null)).path("tasks").size());
    assertEquals("a.2", f.json(f.call("GET", "/v2/apps/a/tasks/a.2", null)).path("task").path("id").asText());
    assertEquals(2, f.json(f.call("GET", "/v2/tasks", null)).path("tasks").size());
    assertEquals(200, f.call("POST", "/v2/apps/a/restart", null).statusCode());
    assertTrue(f.runtime.deployed.get(1).get(0).restart());
    JsonNode versions = f.json(f.call("GET", "/v2/apps/a/versions", null)).path("versions");
    assertEquals(2, versions.size());
    assertEquals(200, f.call("GET", "/v2/apps/a/versions/" + versions.get(1).asText(), null).statusCode());
    JsonNode killed = f.json(f.call("DELETE", "/v2/apps/a/tasks?host=h1", null));
    assertEquals("a.1", killed.path("tasks").get(0).path("id").asText());
    HttpResponse<String> scaled = f.call("DELETE", "/v2/apps/a/tasks/a.2?scale=true", null);
    assertTrue(f.json(scaled).has("deploymentId"), scaled.body());
    assertEquals(1, f.json(f.call("GET", "/v2/apps/a", null)).path("app").path("instances").asInt());
    assertEquals(200, f.call("POST", "/v2/tasks/delete", "{'ids': ['a.1']}").statusCode());
    assertEquals(404, f.call("GET", "/v2/apps/a/tasks/zzz", null).statusCode());
  }

  @Test
  void groupsTreeAndDelete() throws Exception {
    HttpResponse<String> r = f.call("POST", "/v2/groups", "{'id': '/shop', 'apps': [{'id': 'web', 'cmd': 'x',"
        + " 'dependencies': ['db']}, {'id': 'db', 'cmd': 'x'}], 'groups': [{'id': 'batch', 'apps': "
        + "[{'id': 'etl', 'cmd': 'x'}]}]}");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode root = f.json(f.call("GET", "/v2/groups", null));
    assertEquals("/", root.path("id").asText());
    JsonNode shop = root.path("groups").get(0);
    assertEquals("/shop", shop.path("id").asText());
    assertEquals(2, shop.path("apps").size());
    assertEquals("/shop/batch", shop.path("groups").get(0).path("id").asText());
    assertEquals(200, f.call("GET", "/v2/groups/shop/batch", null).statusCode());
    assertEquals(404, f.call("GET", "/v2/groups/nope", null).statusCode());
    assertEquals(200, f.call("DELETE", "/v2/groups/shop", null).statusCode());
    assertEquals(0, f.json(f.call("GET", "/v2/apps", null)).path("apps").size());
  }

  @Test
  void queueExplainsWhyOffersDidNotFit() throws Exception {
    f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x', 'constraints': [['hostname', 'LIKE', 'nowhere']]}");
    f.runtime.queue.add(new QueueView("/a", 1, Instant.parse("2026-01-01T00:00:00Z"), 0, true, 4, 4,
        Map.of("UnfulfilledConstraint [hostname, LIKE, nowhere]", 4), Map.of("h1", "hostname h1 not like nowhere")));
    JsonNode q = f.json(f.call("GET", "/v2/queue", null)).path("queue").get(0);
    assertEquals(1, q.path("count").asInt());
    assertEquals("/a", q.path("app").path("id").asText());
    JsonNode reason = q.path("processedOffersSummary").path("rejectSummaryLastOffers").get(0);
    assertEquals("UnfulfilledConstraint [hostname, LIKE, nowhere]", reason.path("reason").asText());
    assertEquals(4, reason.path("declined").asInt());
    assertEquals(204, f.call("DELETE", "/v2/queue/a/delay", null).statusCode());
    assertEquals(404, f.call("DELETE", "/v2/queue/nope/delay", null).statusCode());
  }

  @Test
  void infoLeaderPingMetrics() throws Exception {
    assertEquals("pong", f.call("GET", "/ping", null).body());
    assertEquals("http://127.0.0.1:1", f.call("GET", "/ping", null).headers().firstValue("X-Marathon-Leader")
        .orElseThrow());
    assertEquals("drover-apps", f.json(f.call("GET", "/v2/info", null)).path("name").asText());
    assertEquals("127.0.0.1:1", f.json(f.call("GET", "/v2/leader", null)).path("leader").asText());
    assertEquals(200, f.call("DELETE", "/v2/leader", null).statusCode());
    f.call("GET", "/v2/apps", null);
    assertTrue(f.call("GET", "/metrics", null).body().contains("drover_apps_http_requests"));
  }

  @Test
  void eventsStreamAsSseFilteredByType() throws Exception {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + f.server.actualPort()
        + "/v2/events?event_type=api_post_event")).header("accept", "text/event-stream").build();
    HttpResponse<java.io.InputStream> r = f.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()));
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
    while (f.events.listeners() == 0 && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    f.runtime.emit(new dev.drover.apps.runtime.AppEvent("status_update_event", "2026-01-01T00:00:00Z", Map.of()));
    f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x'}");
    String line;
    String event = null;
    String data = null;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
        break;
      }
    }
    r.body().close();
    assertEquals("api_post_event", event);
    JsonNode e = dev.drover.apps.model.AppJson.MAPPER.readTree(data);
    assertEquals("/a", e.path("appDefinition").path("id").asText());
  }

  @Test
  void aChangeQueuedBeforeLeadershipWasLostIsRefusedNotApplied() throws Exception {
    java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
    f.writer.execute(() -> {
      blocked.countDown();
      try {
        proceed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    blocked.await();
    var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return f.call("POST", "/v2/apps", "{'id': '/a', 'cmd': 'x'}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
    while (f.writer.getQueue().isEmpty() && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(5);
    }
    f.leading = false;
    proceed.countDown();
    assertEquals(503, pending.get().statusCode());
    assertEquals(List.of(), f.state.list(""));
  }
}
