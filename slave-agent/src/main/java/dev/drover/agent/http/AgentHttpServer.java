package dev.drover.agent.http;

import dev.drover.security.Security;
import dev.drover.security.authz.Action;
import dev.drover.security.http.Permission;
import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.task.TaskView;
import dev.drover.model.Resources;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP API: {@code GET /health}, {@code GET /state}, {@code GET /metrics} (Prometheus text) and the
 * task sandboxes under {@code /files/...} ({@link SandboxRoutes}). State is read through {@code state}, which takes
 * its picture on the agent loop, so handlers never touch agent state directly. Thread-safe.
 */
public final class AgentHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);

  private final Vertx vertx;
  private final HttpServer server;

  private AgentHttpServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts listening and returns once bound. */
  public static AgentHttpServer start(String host, int port, Supplier<CompletionStage<AgentStateView>> state,
      Path sandboxRoot, Supplier<String> metrics) {
    return start(host, port, state, sandboxRoot, metrics, Security.insecure());
  }

  /**
   * As above, behind {@code security}'s guard: {@code /health} is open, sandboxes need {@code read_sandbox}, the rest
   * {@code view_state}.
   */
  public static AgentHttpServer start(String host, int port, Supplier<CompletionStage<AgentStateView>> state,
      Path sandboxRoot, Supplier<String> metrics, Security security) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    security.guard(router, java.util.Set.of("/health"), req -> java.util.Optional.of(new Permission(
        req.path().startsWith("/files") ? Action.READ_SANDBOX : Action.VIEW_STATE, req.path())));
    new SandboxRoutes(vertx, sandboxRoot).mount(router);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
    router.get("/state").handler(ctx -> state.get().whenComplete((view, error) -> {
      if (error != null) {
        json(ctx, 503, new JsonObject().put("error", String.valueOf(error.getMessage())));
      } else {
        json(ctx, 200, render(view));
      }
    }));
    try {
      HttpServer server = vertx.createHttpServer(security.httpServerOptions()).requestHandler(router).listen(port, host)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      LOG.info("Agent HTTP API listening on {}:{}", host, server.actualPort());
      return new AgentHttpServer(vertx, server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException("interrupted while starting HTTP", e);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port, e.getCause());
    }
  }

  public int port() {
    return server.actualPort();
  }

  static JsonObject render(AgentStateView v) {
    JsonArray tasks = new JsonArray();
    for (TaskView t : v.tasks()) {
      JsonObject o = new JsonObject().put("id", t.key().taskId()).put("frameworkId", t.key().frameworkId())
          .put("name", t.name()).put("state", "TASK_" + t.state().name())
          .put("sandbox", t.sandbox().toAbsolutePath().toString())
          .put("resources", resources(t.resources()));
      t.pid().ifPresentOrElse(pid -> o.put("pid", pid), () -> o.putNull("pid"));
      o.put("containerId", t.containerId());
      t.healthy().ifPresent(h -> o.put("healthy", h));
      tasks.add(o);
    }
    JsonObject attributes = new JsonObject();
    for (AgentAttribute a : v.attributes()) {
      attributes.put(a.name(), a.isScalar() ? a.scalar() : a.text());
    }
    return new JsonObject()
        .put("id", v.id().orElse(null))
        .put("hostname", v.hostname())
        .put("masterConnected", v.masterConnected())
        .put("resources", resources(v.resources()))
        .put("used", resources(v.used()))
        .put("attributes", attributes)
        .put("processIsolation", v.processIsolation())
        .put("tasks", tasks);
  }

  /** Scalars as numbers, ranges as their text form ({@code [31000-32000]}), sets as arrays. */
  static JsonObject resources(Resources r) {
    JsonObject o = new JsonObject();
    r.scalarNames().forEach(n -> o.put(n, r.scalar(n)));
    r.rangeNames().forEach(n -> o.put(n, r.ranges(n).toString()));
    r.setNames().forEach(n -> o.put(n, new JsonArray(java.util.List.copyOf(r.set(n)))));
    return o;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
    }
  }
}
