package dev.drover.jobs.api;

import dev.drover.security.Security;
import dev.drover.security.authz.Action;
import dev.drover.security.http.Permission;
import io.vertx.core.http.HttpMethod;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.EngineListener;
import dev.drover.jobs.engine.EngineLoop;
import dev.drover.jobs.engine.JobsEngine;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP face of one jobs instance: {@code /ping} always answers here; on a non-leader every other request is
 * proxied to the leader; on the leader the Metronome v1 API, {@code /v1/events}, {@code /info}, {@code /leader} and
 * {@code /metrics} are served. {@link #lead} and {@link #follow} switch between the two (thread-safe).
 */
public final class JobsHttp implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final JobsMetrics metrics = new JobsMetrics();
  private final EventStream events;
  private volatile JobsRoutes routes;
  private volatile Supplier<String> frameworkId = () -> null;

  private JobsHttp(Vertx vertx, HttpServer server, EventStream events) {
    this.vertx = vertx;
    this.server = server;
    this.events = events;
  }

  /** Starts listening; {@code leader} tells who leads (from ZooKeeper), {@code selfId} this instance's id. */
  public static JobsHttp start(String bind, int port, String selfId, Supplier<Optional<LeaderInfo>> leader,
      Supplier<String> version) throws Exception {
    return start(bind, port, selfId, leader, version, Security.insecure());
  }

  /** As above behind {@code security}'s guard: GET needs view_jobs, the rest change_jobs; {@code /ping} is open. */
  public static JobsHttp start(String bind, int port, String selfId, Supplier<Optional<LeaderInfo>> leader,
      Supplier<String> version, Security security) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    security.guard(router, java.util.Set.of("/ping"), req -> Optional.of(new Permission(
        req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD ? Action.VIEW_JOBS : Action.CHANGE_JOBS,
        req.path())));
    JobsHttp[] self = new JobsHttp[1];
    EventStream events = new EventStream(() -> self[0] == null ? null : self[0].frameworkId.get());
    LeaderProxy proxy = new LeaderProxy(vertx, selfId, security::httpClientOptions);
    router.get("/ping").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("pong"));
    router.route().handler(ctx -> {
      if (self[0].routes == null) {
        proxy.forward(ctx, leader.get().orElse(null));
      } else {
        ctx.next();
      }
    });
    router.get("/leader").handler(ctx -> Replies.json(ctx, 200, leader.get()
        .map(l -> (ObjectNode) JobJson.MAPPER.createObjectNode().put("leader", l.host() + ":" + l.httpPort())
            .put("id", l.id()))
        .orElse(JobJson.MAPPER.createObjectNode().putNull("leader"))));
    router.get("/info").handler(ctx -> Replies.json(ctx, 200, JobJson.MAPPER.createObjectNode()
        .put("name", "drover-jobs").put("version", version.get()).put("leader", true).put("instanceId", selfId)
        .put("frameworkId", self[0].frameworkId.get())));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4").end(self[0].metrics.registry.scrape()));
    router.get("/v1/events").handler(events::subscribe);
    JobsRoutes.mount(router, () -> self[0].routes);
    router.route().last().handler(ctx -> Replies.error(ctx, 404, "no such resource: " + ctx.request().path()));
    HttpServer server = vertx.createHttpServer(security.httpServerOptions()).requestHandler(router)
        .listen(port, bind).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    self[0] = new JobsHttp(vertx, server, events);
    return self[0];
  }

  /** What the engine tells (events and metrics). */
  public EngineListener listener() {
    return new EngineListener() {
      @Override
      public void run(JobRun before, JobRun after) {
        metrics.run(before, after);
        events.run(before, after);
      }

      @Override
      public void job(String what, JobSpec spec) {
        events.job(what, spec);
      }
    };
  }

  /** Serves the API from {@code engine} (this instance leads). */
  public void lead(EngineLoop loop, JobsEngine engine, Supplier<String> frameworkIdSupplier) {
    this.frameworkId = frameworkIdSupplier;
    this.routes = new JobsRoutes(loop, engine, frameworkIdSupplier);
  }

  /** Proxies everything but /ping to the leader (this instance does not lead). */
  public void follow() {
    this.routes = null;
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
