package dev.drover.apps.http;

import dev.drover.zk.LeaderInfo;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * Sends every request a non-leader receives (but {@code /ping}, {@code /metrics} and {@code GET /v2/leader}) to the
 * leader named in ZooKeeper and streams the answer back (SSE included). 503 when no leader is known or a proxied
 * request reaches another non-leader (no loops); 502 when the leader cannot be reached.
 */
final class LeaderProxy {
  static final String HEADER = "X-Drover-Proxied-By";
  private static final Set<String> HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
      "host", "content-length", "http2-settings", "te", "trailer", "proxy-connection");

  private final Leadership leadership;
  private final HttpClient client;

  LeaderProxy(Leadership leadership, HttpClient client) {
    this.leadership = leadership;
    this.client = client;
  }

  void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean local = path.equals("/ping") || path.equals("/metrics")
        || (path.equals("/v2/leader") && ctx.request().method().name().equals("GET"));
    if (leadership.isLeader() || local) {
      ctx.next();
      return;
    }
    Optional<LeaderInfo> leader = leadership.leader();
    if (leader.isEmpty() || ctx.request().getHeader(HEADER) != null) {
      Exec.send(ctx, Reply.of(503, Views.message("Could not determine the current leader")));
      return;
    }
    LeaderInfo l = leader.get();
    RequestOptions options = new RequestOptions().setMethod(ctx.request().method()).setHost(l.host())
        .setPort(l.httpPort()).setURI(ctx.request().uri());
    client.request(options).compose(req -> {
      ctx.request().headers().forEach(h -> {
        if (!HOP.contains(h.getKey().toLowerCase())) {
          req.putHeader(h.getKey(), h.getValue());
        }
      });
      req.putHeader(HEADER, "drover-apps");
      return ctx.body() == null || ctx.body().buffer() == null ? req.send() : req.send(ctx.body().buffer());
    }).onSuccess(resp -> relay(ctx, resp))
        .onFailure(e -> Exec.send(ctx, Reply.of(502, Views.message("Leader " + l.httpUrl() + " unreachable: "
            + e.getMessage()))));
  }

  private static void relay(RoutingContext ctx, HttpClientResponse resp) {
    ctx.response().setStatusCode(resp.statusCode());
    resp.headers().forEach(h -> {
      if (!HOP.contains(h.getKey().toLowerCase())) {
        ctx.response().putHeader(h.getKey(), h.getValue());
      }
    });
    ctx.response().setChunked(true);
    resp.pipeTo(ctx.response());
  }
}
