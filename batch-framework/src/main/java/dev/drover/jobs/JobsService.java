package dev.drover.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch (jobs) framework's HTTP face. For now it serves only {@code GET /ping}; the Metronome v1 API, the
 * trigger engine and its leader election arrive with the jobs issue.
 */
public final class JobsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobsService.class);

  private final Vertx vertx;
  private final HttpServer server;

  private JobsService(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts serving on {@code bindAddress:port} (0 = a free port); returns once listening. */
  public static JobsService start(String zk, String bindAddress, int port) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/ping").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("pong"));
    HttpServer server = vertx.createHttpServer().requestHandler(router)
        .listen(port, bindAddress).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    LOG.info("Jobs framework serving on http://{}:{} (ZooKeeper {}); only /ping until the jobs API lands",
        bindAddress, server.actualPort(), zk);
    return new JobsService(vertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
