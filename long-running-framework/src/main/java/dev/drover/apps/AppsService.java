package dev.drover.apps;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running (apps) framework's HTTP face. For now it serves only {@code GET /ping}; the Marathon v2 API, the
 * scheduler and its leader election arrive with the apps issue.
 */
public final class AppsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppsService.class);

  private final Vertx vertx;
  private final HttpServer server;

  private AppsService(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts serving on {@code bindAddress:port} (0 = a free port); returns once listening. */
  public static AppsService start(String zk, String bindAddress, int port) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/ping").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("pong"));
    HttpServer server = vertx.createHttpServer().requestHandler(router)
        .listen(port, bindAddress).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    LOG.info("Apps framework serving on http://{}:{} (ZooKeeper {}); only /ping until the apps API lands",
        bindAddress, server.actualPort(), zk);
    return new AppsService(vertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
