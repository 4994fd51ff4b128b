package dev.drover.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.FakeRuntime;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import dev.drover.apps.validation.AppValidator;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import dev.drover.zk.LeaderInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The REST API on a free port over an in-memory store and a fake runtime, with a JDK client. */
final class RestFixture implements AutoCloseable {
  final ManualTimer clock = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryStateStore state = new InMemoryStateStore();
  final FakeRuntime runtime = new FakeRuntime();
  final EventHub events = new EventHub();
  final AppsApi api = new AppsApi(new AppStore(state, clock::now, 50), new GroupStore(state),
      new dev.drover.apps.api.DeploymentLog(state), runtime,
      new AppValidator(), events, clock::now);
  final Vertx vertx = Vertx.vertx();
  final java.util.concurrent.ThreadPoolExecutor writer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
      TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
  final HttpClient http = HttpClient.newHttpClient();
  volatile boolean abdicated;
  volatile boolean leading = true;
  final HttpServer server;

  RestFixture() throws Exception {
    runtime.subscribe(events);
    Leadership leadership = new Leadership() {
      @Override public boolean isLeader() { return leading; }
      @Override public Optional<LeaderInfo> leader() {
        return Optional.of(new LeaderInfo("me", "127.0.0.1", 0, 1, "x"));
      }
      @Override public void abdicate() { abdicated = true; }
    };
    server = vertx.createHttpServer().requestHandler(HttpApi.router(vertx, api, writer, writer, events, leadership,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> AppJson.MAPPER.createObjectNode()
            .put("name", "drover-apps"))).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    return http.send(b.header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> callBytes(String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return AppJson.MAPPER.readTree(r.body());
  }

  @Override
  public void close() {
    writer.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
