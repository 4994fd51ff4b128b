package dev.drover.apps.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.api.AppsApi;
import dev.drover.apps.model.AppJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Builds the Marathon v2 router: {@code /v2/apps}, {@code /v2/groups}, {@code /v2/deployments}, {@code /v2/tasks},
 * {@code /v2/queue}, {@code /v2/events}, {@code /v2/info}, {@code /v2/leader}, {@code /ping}, {@code /metrics}.
 * Changes run one at a time on {@code writer}; reads on {@code readers}; non-leaders proxy to the leader.
 */
public final class HttpApi {
  private HttpApi() {}

  /**
   * @param info the body of {@code GET /v2/info} (called per request)
   */
  public static Router router(Vertx vertx, AppsApi api, Executor writer, Executor readers, EventHub events,
      Leadership leadership, PrometheusMeterRegistry metrics, Supplier<ObjectNode> info) {
    return router(vertx, api, writer, readers, events, leadership, metrics, info, o -> o);
  }

  /** As above; {@code tls} configures the client that proxies to the leader (TLS when the cluster serves it). */
  public static Router router(Vertx vertx, AppsApi api, Executor writer, Executor readers, EventHub events,
      Leadership leadership, PrometheusMeterRegistry metrics, Supplier<ObjectNode> info,
      java.util.function.UnaryOperator<io.vertx.core.http.HttpClientOptions> tls) {
    Exec exec = new Exec(writer, readers, leadership::isLeader);
    Router router = base(vertx, leadership, metrics, tls);
    AppRoutes apps = new AppRoutes(api, exec);
    router.routeWithRegex("^/v2/apps(/.*)?$").handler(apps::handle);
    GroupRoutes groups = new GroupRoutes(api, exec);
    router.routeWithRegex("^/v2/groups(/.*)?$").handler(groups::handle);
    RuntimeRoutes runtime = new RuntimeRoutes(api, exec);
    router.get("/v2/deployments").handler(runtime::deployments);
    router.delete("/v2/deployments/:id").handler(runtime::cancelDeployment);
    router.get("/v2/tasks").handler(runtime::tasks);
    router.post("/v2/tasks/delete").handler(runtime::deleteTasks);
    router.get("/v2/queue").handler(runtime::queue);
    router.deleteWithRegex("^/v2/queue/.+/delay$").handler(runtime::resetDelay);
    router.get("/v2/events").handler(new EventStream(events, java.time.Instant::now)::handle);
    router.get("/v2/info").handler(ctx -> Exec.send(ctx, Reply.ok(info.get())));
    router.delete("/v2/leader").handler(ctx -> {
      Exec.send(ctx, Reply.ok(Views.message("Leadership abdicated")));
      writer.execute(leadership::abdicate);
    });
    router.route().last().handler(ctx -> Exec.send(ctx, Reply.of(404, Views.message("Not found: "
        + ctx.request().path()))));
    return router;
  }

  /** The router of an instance that does not lead: proxies to the leader, serves /ping, /metrics, GET /v2/leader. */
  public static Router followerRouter(Vertx vertx, Leadership leadership, PrometheusMeterRegistry metrics) {
    return followerRouter(vertx, leadership, metrics, o -> o);
  }

  /** As above; {@code tls} configures the client that proxies to the leader. */
  public static Router followerRouter(Vertx vertx, Leadership leadership, PrometheusMeterRegistry metrics,
      java.util.function.UnaryOperator<io.vertx.core.http.HttpClientOptions> tls) {
    Router router = base(vertx, leadership, metrics, tls);
    router.route().last().handler(ctx -> Exec.send(ctx, Reply.of(503, Views.message("Not leading yet"))));
    return router;
  }

  private static Router base(Vertx vertx, Leadership leadership, PrometheusMeterRegistry metrics,
      java.util.function.UnaryOperator<io.vertx.core.http.HttpClientOptions> tls) {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.addEndHandler(v -> metrics.counter("drover_apps_http_requests", "method",
          ctx.request().method().name(), "status", Integer.toString(ctx.response().getStatusCode())).increment());
      ctx.next();
    });
    router.route().handler(ctx -> {
      leadership.leader().ifPresent(l -> ctx.response().putHeader("X-Marathon-Leader", l.httpUrl()));
      ctx.next();
    });
    router.route().handler(BodyHandler.create().setBodyLimit(8 * 1024 * 1024));
    router.route().handler(new LeaderProxy(leadership,
        vertx.createHttpClient(tls.apply(new io.vertx.core.http.HttpClientOptions())))::handle);
    router.get("/ping").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("pong"));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    router.get("/v2/leader").handler(ctx -> Exec.send(ctx, leadership.leader()
        .map(l -> Reply.ok(AppJson.MAPPER.createObjectNode().put("leader", l.host() + ":" + l.httpPort())))
        .orElse(Reply.of(404, Views.message("There is no leader")))));
    return router;
  }
}
