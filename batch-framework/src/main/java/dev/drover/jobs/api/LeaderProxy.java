package dev.drover.jobs.api;

import dev.drover.zk.LeaderInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards a request received by a non-leading instance to the leader (method, path, query, headers and body
 * streamed both ways, so {@code /v1/events} works too). Answers 503 when no leader is known, 502 when it cannot be
 * reached. Thread-safe.
 */
final class LeaderProxy {
  static final String HEADER = "X-Drover-Proxied-By";

  private final HttpClient client;
  private final String selfId;

  LeaderProxy(Vertx vertx, String selfId) {
    this(vertx, selfId, o -> o);
  }

  /** {@code tls} adds the cluster's CA when the other instances serve TLS. */
  LeaderProxy(Vertx vertx, String selfId, java.util.function.UnaryOperator<io.vertx.core.http.HttpClientOptions> tls) {
    this.client = vertx.createHttpClient(tls.apply(new io.vertx.core.http.HttpClientOptions()));
    this.selfId = selfId;
  }

  void forward(RoutingContext ctx, LeaderInfo leader) {
    HttpServerRequest in = ctx.request();
    if (leader == null || leader.id().equals(selfId) || in.getHeader(HEADER) != null) {
      Replies.error(ctx, 503, "no leader is serving right now; retry shortly");
      return;
    }
    in.pause();
    RequestOptions opts = new RequestOptions().setMethod(in.method()).setHost(leader.host())
        .setPort(leader.httpPort()).setURI(in.uri());
    in.headers().forEach(h -> {
      String n = h.getKey().toLowerCase();
      if (!n.equals("host") && !n.equals("connection") && !n.equals("transfer-encoding")) {
        opts.addHeader(h.getKey(), h.getValue());
      }
    });
    opts.putHeader(HEADER, selfId);
    client.request(opts).compose(req -> req.send(in)).onSuccess(resp -> relay(ctx, resp))
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            Replies.error(ctx, 502, "the leader at " + leader.httpUrl() + " did not answer: " + e.getMessage());
          }
        });
  }

  private static void relay(RoutingContext ctx, HttpClientResponse resp) {
    var out = ctx.response().setStatusCode(resp.statusCode());
    resp.headers().forEach(h -> {
      String n = h.getKey().toLowerCase();
      if (!n.equals("content-length") && !n.equals("transfer-encoding") && !n.equals("connection")) {
        out.putHeader(h.getKey(), h.getValue());
      }
    });
    out.setChunked(true);
    resp.pipeTo(out);
  }
}
