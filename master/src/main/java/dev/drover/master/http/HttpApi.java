package dev.drover.master.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.core.MasterCore;
import dev.drover.master.state.StateSnapshot;
import dev.drover.security.Security;
import dev.drover.security.http.RestGuard;
import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator HTTP API on Vert.x. {@code /health} answers on any master; {@code /api/v1/*} answers on the leader
 * from the latest published snapshot, and elsewhere redirects (307) to the leader's same URL, or answers 503 when no
 * leader is known. The web UI is served at {@code /} from the class path ({@code webui/}); {@code /frameworks/<name>/}
 * and {@code /agents/<id>/sandbox/} proxy to the frameworks' leaders and the agents' sandboxes ({@link
 * UpstreamRoutes}). Handlers only read immutable snapshots, so they never touch the master's loop.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the API reads: all thread-safe. {@code frameworks} names a framework's leader (for the proxy under
   * {@code /frameworks/}), {@code masters} lists the masters with their published addresses, the leader first.
   */
  public record Sources(LeaderInfo self, BooleanSupplier leading, Supplier<Optional<LeaderInfo>> leader,
      Supplier<StateSnapshot> snapshot, MasterCore core, Duration heartbeat,
      Function<String, Optional<LeaderInfo>> frameworks, Supplier<List<ZkDirectory.MasterView>> masters) {
    /** Sources without ZooKeeper: no framework is reachable and this master is the only one listed. */
    public Sources(LeaderInfo self, BooleanSupplier leading, Supplier<Optional<LeaderInfo>> leader,
        Supplier<StateSnapshot> snapshot, MasterCore core, Duration heartbeat) {
      this(self, leading, leader, snapshot, core, heartbeat, name -> Optional.empty(),
          () -> List.of(new ZkDirectory.MasterView(self.id(), true, Optional.of(self))));
    }
  }

  private final HttpServer server;
  private final Proxy proxy;

  private HttpApi(HttpServer server, Proxy proxy) {
    this.server = server;
    this.proxy = proxy;
  }

  /** Binds and serves without security; returns once listening. */
  public static HttpApi start(Vertx vertx, String bindAddress, int port, Supplier<Sources> sources) {
    return start(vertx, bindAddress, port, sources, Security.insecure());
  }

  /** Binds and serves behind {@code security}'s guard ({@link MasterPermissions}); returns once listening. */
  public static HttpApi start(Vertx vertx, String bindAddress, int port, Supplier<Sources> sources,
      Security security) {
    StateJson render = new StateJson(JSON);
    Proxy proxy = new Proxy(vertx, security::httpClientOptions);
    Router router = Router.router(vertx);
    RestGuard guard = security.guard(router, MasterPermissions.OPEN, MasterPermissions::of);
    String scheme = security.httpScheme();
    int bodyLimit = (int) security.bodyLimit();
    router.route().handler(HttpApi::wellFormedQuery);
    router.get("/health").handler(ctx -> send(ctx, 200, JSON.createObjectNode().put("status", "ok")
        .put("leader", sources.get().leading().getAsBoolean())
        .put("insecure", !security.servesTls() || !security.authenticates())));
    router.route("/api/v1/*").handler(BodyHandler.create().setBodyLimit(bodyLimit));
    router.route("/api/v1/*").handler(ctx -> leaderOnly(ctx, sources.get(), scheme));
    router.get("/api/v1/state").handler(ctx -> {
      Sources s = sources.get();
      ObjectNode state = render.state(s.self().id(), s.self().host(), s.self(), s.snapshot().get());
      state.set("masters", render.masters(s.self(), s.masters().get()));
      send(ctx, 200, state);
    });
    router.get("/api/v1/tasks/:frameworkId/:taskId/history").handler(ctx -> {
      new HistoryRoute(sources.get().core().taskHistory(), sources.get().snapshot()).handle(ctx);
    });
    router.get("/api/v1/agents").handler(ctx -> send(ctx, 200,
        JSON.createObjectNode().set("agents", render.agents(sources.get().snapshot().get()))));
    router.get("/api/v1/frameworks").handler(ctx -> send(ctx, 200,
        JSON.createObjectNode().set("frameworks", render.frameworks(sources.get().snapshot().get()))));
    router.get("/api/v1/tasks").handler(ctx -> new TasksRoute(render, sources.get().snapshot()).handle(ctx));
    router.get("/api/v1/maintenance").handler(ctx -> new MaintenanceRoute(sources.get().core()).list(ctx));
    router.post("/api/v1/maintenance/drain").handler(ctx -> new MaintenanceRoute(sources.get().core()).drain(ctx));
    router.post("/api/v1/maintenance/undrain")
        .handler(ctx -> new MaintenanceRoute(sources.get().core()).undrain(ctx));
    router.get("/api/v1/roles").handler(ctx -> new RolesRoute(sources.get().core(), render).list(ctx));
    router.put("/api/v1/roles/:role").handler(guard.require(MasterPermissions::roleUpdate));
    router.put("/api/v1/roles/:role").handler(ctx -> new RolesRoute(sources.get().core(), render).update(ctx));
    router.get("/api/v1/events").handler(ctx -> new EventsRoute(vertx, sources.get().core().events(),
        sources.get().heartbeat()).handle(ctx));
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
        .end(sources.get().core().metrics().scrape()));
    router.get("/redirect").handler(ctx -> redirect(ctx, sources.get(), scheme));
    router.route("/frameworks/*").handler(BodyHandler.create().setBodyLimit(bodyLimit));
    router.route("/frameworks/:name/*").handler(ctx -> new UpstreamRoutes(proxy, sources.get().frameworks(),
        sources.get().snapshot()).framework(ctx));
    router.route("/frameworks/:name").handler(ctx -> new UpstreamRoutes(proxy, sources.get().frameworks(),
        sources.get().snapshot()).framework(ctx));
    router.route("/agents/*").handler(BodyHandler.create().setBodyLimit(bodyLimit));
    router.route("/agents/*").handler(ctx -> leaderOnly(ctx, sources.get(), scheme));
    router.get("/agents/:agentId/sandbox/*").handler(ctx -> new UpstreamRoutes(proxy, sources.get().frameworks(),
        sources.get().snapshot()).sandbox(ctx));
    router.get("/*").handler(StaticHandler.create("webui").setIndexPage("index.html").setMaxAgeSeconds(60));
    router.route().last().handler(ctx -> send(ctx, 404,
        JSON.createObjectNode().put("error", "not found").put("path", ctx.request().path())));
    router.route().failureHandler(ctx -> {
      if (ctx.failure() instanceof Replies.BadRequest bad) {
        Replies.refuse(ctx, bad);
        return;
      }
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status == 413) {
        Replies.error(ctx, 413, "body", "the body is too large");
        return;
      }
      LOG.warn("HTTP {} {} failed", ctx.request().method(), ctx.request().uri(), ctx.failure());
      send(ctx, status, JSON.createObjectNode().put("error",
          ctx.failure() == null ? "request failed" : String.valueOf(ctx.failure().getMessage())));
    });
    try {
      HttpServer server = vertx.createHttpServer(security.httpServerOptions()).requestHandler(router).listen(port, bindAddress)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      LOG.info("Master HTTP API listening on {}:{}", bindAddress, server.actualPort());
      return new HttpApi(server, proxy);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serve HTTP on " + bindAddress + ":" + port, e);
    }
  }

  /** A query string that does not decode (a bad percent escape) is the client's fault: 400, not a failure. */
  private static void wellFormedQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (RuntimeException e) {  // Vert.x wraps the decoder's IllegalArgumentException in an HttpException
      Throwable why = e.getCause() != null ? e.getCause() : e;
      Replies.error(ctx, 400, "query", "the query string is malformed: " + why.getMessage());
      return;
    }
    ctx.next();
  }

  /** {@code /redirect}: 307 to the leading master's HTTP URL (this one's when it leads), 503 when none is known. */
  private static void redirect(RoutingContext ctx, Sources s, String scheme) {
    Optional<LeaderInfo> leader = s.leading().getAsBoolean() ? Optional.of(s.self()) : s.leader().get();
    if (leader.isPresent()) {
      ctx.response().setStatusCode(307).putHeader("Location", withScheme(leader.get().httpUrl(), scheme)).end();
    } else {
      send(ctx, 503, JSON.createObjectNode().put("error", "no leader is known"));
    }
  }

  private static void leaderOnly(RoutingContext ctx, Sources s, String scheme) {
    if (s.leading().getAsBoolean()) {
      ctx.next();
      return;
    }
    Optional<LeaderInfo> leader = s.leader().get().filter(l -> !l.id().equals(s.self().id()));
    if (leader.isPresent()) {
      ctx.response().setStatusCode(307).putHeader("Location",
          withScheme(leader.get().httpUrl(), scheme) + ctx.request().uri()).end();
    } else {
      send(ctx, 503, JSON.createObjectNode().put("error", "not the leader, and no leader is known"));
    }
  }

  /** The leader record says http; a cluster serving TLS is reached over https. */
  private static String withScheme(String url, String scheme) {
    return url.startsWith("http://") ? scheme + url.substring(4) : url;
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    proxy.close();
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("Closing the HTTP server: {}", e.toString());
    }
  }
}
