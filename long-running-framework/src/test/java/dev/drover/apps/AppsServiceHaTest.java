package dev.drover.apps;

import static org.junit.jupiter.api.Assertions.*;

import dev.drover.apps.runtime.FakeRuntime;
import dev.drover.zk.EmbeddedZooKeeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two apps instances on one embedded ZooKeeper: one leads, the other proxies; DELETE /v2/leader hands over. */
class AppsServiceHaTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private static RuntimeFactory fake() {
    return (client, zk) -> new RuntimeFactory.Started(new FakeRuntime(), () -> { }, Optional::empty, () -> true);
  }

  private HttpResponse<String> call(AppsService s, String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void followerProxiesAndAbdicationHandsOverWithState(@TempDir Path dir) throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start("127.0.0.1", 0, dir, 200)) {
      String connect = zk.connectString("/drover");
      try (AppsService a = AppsService.start(connect, "127.0.0.1", 0, "127.0.0.1", fake())) {
        await(a::isLeader, "a to lead");
        try (AppsService b = AppsService.start(connect, "127.0.0.1", 0, "127.0.0.1", fake())) {
          assertFalse(b.isLeader());
          HttpResponse<String> created = call(b, "POST", "/v2/apps", "{\"id\": \"/web\", \"cmd\": \"sleep 9\"}");
          assertEquals(201, created.statusCode(), created.body());
          assertEquals(200, call(a, "GET", "/v2/apps/web", null).statusCode());
          assertEquals("127.0.0.1:" + a.port(), call(b, "GET", "/v2/leader", null).body()
              .replaceAll(".*\"leader\":\"([^\"]+)\".*", "$1"));
          assertEquals("pong", call(b, "GET", "/ping", null).body());
          // events stream through the follower's proxy
          HttpResponse<java.io.InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + b.port() + "/v2/events?event_type=api_post_event")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
          assertEquals(200, sse.statusCode());
          java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(sse.body()));
          assertTrue(events.readLine().startsWith(":"), "the stream is open");
          assertEquals(201, call(a, "POST", "/v2/apps", "{\"id\": \"/db\", \"cmd\": \"sleep 9\"}").statusCode());
          String line = events.readLine();
          while (line != null && !line.startsWith("event:")) {
            line = events.readLine();
          }
          assertEquals("event: api_post_event", line);
          assertTrue(events.readLine().contains("\"/db\""));
          sse.body().close();
          assertEquals(200, call(b, "DELETE", "/v2/leader", null).statusCode());
          await(b::isLeader, "b to lead after a abdicated");
          HttpResponse<String> fromB = call(b, "GET", "/v2/apps/web", null);
          assertEquals(200, fromB.statusCode(), "the new leader loaded the app from ZooKeeper: " + fromB.body());
          await(() -> {
            try {
              return call(a, "GET", "/v2/apps/web", null).statusCode() == 200;
            } catch (Exception e) {
              return false;
            }
          }, "a to proxy to b");
        }
      }
    }
  }
}
