package dev.drover.router;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A fake apps framework: {@code GET /v2/apps} answers {@link #apps}, {@code /v2/events} streams {@link #emit}. */
final class FakeApps implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  volatile String apps = "{\"apps\": []}";
  volatile int appListCalls;
  /** When set, {@code /v2/apps} answers only once this completes (with the list as it is then). */
  volatile java.util.concurrent.CompletableFuture<Void> gate;
  final HttpServer server;

  FakeApps() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/v2/apps")) {
        appListCalls++;
        String now = apps;  // the snapshot is taken when the request arrives, answered when the gate opens
        java.util.concurrent.CompletableFuture<Void> g = gate;
        if (g == null) {
          req.response().putHeader("content-type", "application/json").end(now);
        } else {
          g.thenRun(() -> vertx.runOnContext(v -> req.response().putHeader("content-type", "application/json")
              .end(now)));
        }
      } else if (req.path().equals("/v2/events")) {
        HttpServerResponse r = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        r.write(":\n\n");
        streams.add(r);
        r.closeHandler(v -> streams.remove(r));
      } else {
        req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Sends an event (single quotes in {@code data} stand for double quotes) to every open stream. */
  void emit(String type, String data) {
    String d = data.replace('\'', '"');
    vertx.runOnContext(v -> streams.forEach(r -> r.write("event: " + type + "\ndata: " + d + "\n\n")));
  }

  /** Closes every open event stream (the router must reconnect and resync). */
  void dropStreams() {
    vertx.runOnContext(v -> streams.forEach(r -> r.reset()));
  }

  /** A backend answering {@code name} on a free port. */
  int backend(String name) throws Exception {
    return vertx.createHttpServer().requestHandler(req -> req.response().end(name + " " + req.host()))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  /** A backend that accepts connections and closes them on the first bytes, answering nothing. */
  int hangUp() throws Exception {
    return vertx.createNetServer().connectHandler(so -> so.handler(b -> so.close())).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
