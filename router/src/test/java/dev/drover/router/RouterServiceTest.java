package dev.drover.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router against a fake apps framework and two in-process backends: resync, events, TCP, HTTP, status. */
class RouterServiceTest {
  private FakeApps apps;
  private RouterService router;

  @AfterEach
  void tearDown() throws Exception {
    if (router != null) {
      router.close();
    }
    if (apps != null) {
      apps.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static void await(String what, BooleanSupplier ok) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** One HTTP/1.1 request over a fresh connection; the status line and body, or empty when refused/closed. */
  static Optional<String> get(int port, String host, String path) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (all.isEmpty()) {
        return Optional.empty();
      }
      int body = all.indexOf("\r\n\r\n");
      return Optional.of(all.substring(9, 12) + " " + all.substring(body + 4).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  String task(String id, int port, boolean alive) {
    return "{'id': '" + id + "', 'host': '127.0.0.1', 'ports': [" + port + "], 'state': 'TASK_RUNNING',"
        + " 'healthCheckResults': [{'alive': " + alive + "}]}";
  }

  @Test
  void routesByServicePortAndHostOnlyToReadyInstancesAndFollowsEvents() throws Exception {
    apps = new FakeApps();
    int b1 = apps.backend("b1");
    int b2 = apps.backend("b2");
    int servicePort = freePort();
    apps.apps = ("{'apps': [{'id': '/web', 'portDefinitions': [{'port': " + servicePort + "}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'web.test'}, 'healthChecks': [{}], 'tasks': ["
        + task("w1", b1, true) + ", " + task("w2", b2, false) + "]}]}").replace('\'', '"');
    router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()), "127.0.0.1", 0, 0,
        Duration.ofMinutes(5), 2, Duration.ofSeconds(10)));
    int http = router.httpPort();
    await("the route to w1", () -> get(http, "web.test", "/").equals(Optional.of("200 b1 web.test")));
    await("the TCP listener", () -> get(servicePort, "any", "/").equals(Optional.of("200 b1 any")));
    assertEquals(Optional.of("404 No route for host other.test and path /"), get(http, "other.test", "/"));

    apps.emit("health_status_changed_event", "{'appId': '/web', 'taskId': 'w2', 'alive': true}");
    await("w2 healthy joins the pool", () -> {
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < 4; k++) {
        get(http, "web.test", "/").ifPresent(seen::add);
      }
      return seen.equals(Set.of("200 b1 web.test", "200 b2 web.test"));
    });

    apps.emit("instance_draining_event", "{'appId': '/web', 'taskId': 'w1', 'drainSeconds': 2}");
    await("w1 draining leaves the pool", () -> {
      for (int k = 0; k < 4; k++) {
        if (!get(http, "web.test", "/").equals(Optional.of("200 b2 web.test"))) {
          return false;
        }
      }
      return true;
    });
    apps.emit("status_update_event", "{'appId': '/web', 'taskId': 'w2', 'taskStatus': 'TASK_KILLED'}");
    await("no backend: 503", () -> get(http, "web.test", "/")
        .equals(Optional.of("503 No ready instance of app /web")));
    assertTrue(get(servicePort, "any", "/").isEmpty(), "a TCP connection with no backend is closed");

    int calls = apps.appListCalls;
    apps.dropStreams();
    await("a resync after the stream is reopened", () -> apps.appListCalls > calls);
    await("the resync's ready instance routed again", () -> get(http, "web.test", "/")
        .equals(Optional.of("200 b1 web.test")));

    String status = get(router.statusPort(), "x", "/status.json").orElseThrow();
    assertTrue(status.contains("\"servicePort\":" + servicePort) && status.contains("\"connected\":true"), status);
    String page = get(router.statusPort(), "x", "/").orElseThrow();
    assertTrue(page.contains("web.test") && page.contains("127.0.0.1:" + b1), page);
    String metrics = get(router.statusPort(), "x", "/metrics").orElseThrow();
    assertTrue(metrics.contains("drover_router_requests_seconds_count{app=\"/web\",backend=\"127.0.0.1:" + b1
        + "\",code=\"2xx\"}"), metrics);
    assertTrue(metrics.contains("drover_router_errors_total{app=\"/web\",backend=\"\",reason=\"no_backend\"}"),
        metrics);
    assertTrue(metrics.contains("drover_router_backends_ready{app=\"/web\"} 1.0"), metrics);
  }

  @Test
  void aBackendThatRefusesIsRetriedOnAnother() throws Exception {
    apps = new FakeApps();
    int b1 = apps.backend("b1");
    int dead = freePort();
    apps.apps = ("{'apps': [{'id': '/web', 'portDefinitions': [{'port': 0}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'web.test'}, 'tasks': ["
        + task("w1", b1, true) + ", " + task("w2", dead, true) + "]}]}").replace('\'', '"');
    router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()), "127.0.0.1", 0, 0,
        Duration.ofMinutes(5), 1, Duration.ofSeconds(10)));
    int http = router.httpPort();
    await("routes", () -> router.view().backends().size() == 2);
    for (int k = 0; k < 10; k++) {
      assertEquals(Optional.of("200 b1 web.test"), get(http, "web.test", "/"), "request " + k);
    }
  }

  @Test
  void aGetToABackendThatHangsUpIsSentAgainToAnother() throws Exception {
    apps = new FakeApps();
    int b1 = apps.backend("b1");
    int rude = apps.hangUp();
    apps.apps = ("{'apps': [{'id': '/web', 'portDefinitions': [{'port': 0}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'web.test'}, 'tasks': ["
        + task("w1", b1, true) + ", " + task("w2", rude, true) + "]}]}").replace('\'', '"');
    router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()), "127.0.0.1", 0, 0,
        Duration.ofMinutes(5), 1, Duration.ofSeconds(10)));
    await("routes", () -> router.view().backends().size() == 2);
    for (int k = 0; k < 10; k++) {
      assertEquals(Optional.of("200 b1 web.test"), get(router.httpPort(), "web.test", "/"), "request " + k);
    }
  }

  @Test
  void twoRoutersSideBySideRouteAlike() throws Exception {
    apps = new FakeApps();
    int b1 = apps.backend("b1");
    apps.apps = ("{'apps': [{'id': '/web', 'portDefinitions': [{'port': 0}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'web.test'}, 'tasks': [" + task("w1", b1, true) + "]}]}")
        .replace('\'', '"');
    router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()), "127.0.0.1", 0, 0,
        Duration.ofMinutes(5), 1, Duration.ofSeconds(10)));
    try (RouterService second = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()),
        "127.0.0.1", 0, 0, Duration.ofMinutes(5), 1, Duration.ofSeconds(10)))) {
      for (RouterService r : java.util.List.of(router, second)) {
        await("routed by each router", () -> get(r.httpPort(), "web.test", "/")
            .equals(Optional.of("200 b1 web.test")));
      }
      apps.emit("instance_draining_event", "{'appId': '/web', 'taskId': 'w1'}");
      for (RouterService r : java.util.List.of(router, second)) {
        await("drained in each router", () -> get(r.httpPort(), "web.test", "/")
            .equals(Optional.of("503 No ready instance of app /web")));
      }
    }
  }

  @Test
  void eventsArrivingDuringAResyncAreAppliedOnTopOfItsSnapshot() throws Exception {
    apps = new FakeApps();
    int b1 = apps.backend("b1");
    apps.apps = ("{'apps': [{'id': '/web', 'portDefinitions': [{'port': 0}], 'healthChecks': [{}],"
        + " 'labels': {'DROVER_ROUTER_0_VHOST': 'web.test'}, 'tasks': [" + task("w1", b1, false) + "]}]}")
        .replace('\'', '"');
    apps.gate = new java.util.concurrent.CompletableFuture<>();
    router = RouterService.start(new RouterOptions(Optional.empty(), Optional.of(apps.url()), "127.0.0.1", 0, 0,
        Duration.ofMinutes(5), 1, Duration.ofSeconds(10)));
    await("the resync asked for", () -> apps.appListCalls == 1 && apps.streams.size() == 1);
    apps.emit("health_status_changed_event", "{'appId': '/web', 'taskId': 'w1', 'alive': true}");
    await("the event received while the resync is held", () -> get(router.statusPort(), "x", "/status.json")
        .map(j -> j.contains("\"events\":1,")).orElse(false));
    apps.gate.complete(null);
    await("the snapshot's unhealthy w1 made healthy by the event held meanwhile",
        () -> get(router.httpPort(), "web.test", "/").equals(Optional.of("200 b1 web.test")));
  }
}
