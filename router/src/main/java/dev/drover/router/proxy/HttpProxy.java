package dev.drover.router.proxy;

import dev.drover.router.ops.RouterMetrics;
import dev.drover.router.routing.Balancer;
import dev.drover.router.routing.RoutingTable;
import dev.drover.router.routing.Target;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The HTTP port: routes each request by its Host header and path (longest prefix) to a ready backend of the route's
 * app and streams the answer back. No route: 404; a route with no ready backend: 503; a backend that cannot be
 * reached: another one is tried (nothing was sent yet, so any method may be retried), up to three, then 502; a
 * backend that fails before answering a GET, HEAD or OPTIONS without a body: the request is sent to another one. Hop-by-hop
 * headers are dropped; {@code X-Forwarded-For}, {@code -Host} and {@code -Proto} are added. One instance per event
 * loop (deploy it several times on one port); each has its own keep-alive client pool.
 */
public final class HttpProxy extends AbstractVerticle {
  private static final int MAX_TRIES = 3;
  private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaders.CONNECTION, HttpHeaders.KEEP_ALIVE,
      HttpHeaders.PROXY_AUTHENTICATE, HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.createOptimized("te"), HttpHeaders.createOptimized("trailer"),
      HttpHeaders.TRANSFER_ENCODING, HttpHeaders.UPGRADE, HttpHeaders.createOptimized("proxy-connection"));
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("x-forwarded-for");
  private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("x-forwarded-host");
  private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("x-forwarded-proto");
  private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");

  private final String bind;
  private final int port;
  private final Balancer balancer;
  private final RouterMetrics metrics;
  private final Supplier<RoutingTable> table;
  private HttpClient client;
  private HttpServer server;

  public HttpProxy(String bind, int port, Balancer balancer, RouterMetrics metrics, Supplier<RoutingTable> table) {
    this.bind = bind;
    this.port = port;
    this.balancer = balancer;
    this.metrics = metrics;
    this.table = table;
  }

  @Override
  public void start(Promise<Void> started) {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(256)
        .setConnectTimeout(2000).setTcpNoDelay(true));
    server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(this::handle);
    server.listen(port, bind).<Void>mapEmpty().onComplete(started);
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    var route = table.get().match(req.host(), req.path());
    if (route.isEmpty()) {
      metrics.error("", "", "no_route");
      req.response().setStatusCode(404).putHeader("content-type", "text/plain")
          .end("No route for host " + req.host() + " and path " + req.path() + "\n");
      return;
    }
    req.pause();
    forward(req, route.get(), new HashSet<>(), 0);
  }

  private void forward(HttpServerRequest req, RoutingTable.HttpRoute route, Set<String> tried, int attempt) {
    var picked = balancer.pick(route.pool(), tried);
    if (picked.isEmpty() || attempt >= MAX_TRIES) {
      boolean none = route.pool().targets().isEmpty();
      metrics.error(route.pool().appId(), "", none ? "no_backend" : "unreachable");
      req.resume();
      req.response().setStatusCode(none ? 503 : 502).putHeader("content-type", "text/plain")
          .end((none ? "No ready instance of app " : "No instance of app could be reached: ")
              + route.pool().appId() + "\n");
      return;
    }
    Target t = picked.get();
    long start = System.nanoTime();
    balancer.opened(t.address());
    RequestOptions o = new RequestOptions().setMethod(req.method()).setHost(t.host()).setPort(t.port())
        .setURI(req.uri());
    client.request(o).onFailure(e -> {
      balancer.closed(t.address());
      metrics.error(route.pool().appId(), t.address(), "connect");
      balancer.eject(t.address());
      tried.add(t.address());
      forward(req, route, tried, attempt + 1);
    }).onSuccess(breq -> {
      MultiMap out = breq.headers();
      out.setAll(req.headers());
      stripHopByHop(out);
      String remote = req.remoteAddress() == null ? "" : req.remoteAddress().host();
      String xff = req.getHeader(X_FORWARDED_FOR);
      out.set(X_FORWARDED_FOR, xff == null ? remote : xff + ", " + remote);
      out.set(X_FORWARDED_HOST, req.host() == null ? "" : req.host());
      out.set(X_FORWARDED_PROTO, HTTP);
      boolean body = req.headers().contains(HttpHeaders.TRANSFER_ENCODING)
          || (req.headers().contains(HttpHeaders.CONTENT_LENGTH) && !"0".equals(req.getHeader(HttpHeaders.CONTENT_LENGTH)));
      var sent = body ? breq.send(req) : breq.send();
      if (!body) {
        req.resume();
      }
      sent.onSuccess(bresp -> {
        HttpServerResponse resp = req.response().setStatusCode(bresp.statusCode())
            .setStatusMessage(bresp.statusMessage());
        MultiMap headers = resp.headers();
        headers.setAll(bresp.headers());
        stripHopByHop(headers);
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        Future<Void> done;
        if (length != null && length.length() < 6) {  // under 100 kB: read whole, answer in one write
          done = bresp.body().compose(resp::end);
        } else {
          if (length == null) {
            resp.setChunked(true);
          }
          done = resp.send(bresp);
        }
        done.onComplete(ar -> {
          balancer.closed(t.address());
          if (ar.succeeded()) {
            metrics.request(route.pool().appId(), t, bresp.statusCode(), System.nanoTime() - start);
          } else {
            metrics.error(route.pool().appId(), t.address(), "reset");
            if (!req.response().ended()) {
              req.response().reset();
            }
          }
        });
      }).onFailure(e -> {
        balancer.closed(t.address());
        metrics.error(route.pool().appId(), t.address(), "reset");
        if (!body && IDEMPOTENT.contains(req.method()) && !req.response().headWritten()) {
          // no answer from an instance (e.g. killed mid-request, or a kept-alive connection it closed): an
          // idempotent request without a body is sent again, to another instance
          balancer.eject(t.address());
          tried.add(t.address());
          forward(req, route, tried, attempt + 1);
        } else if (!req.response().headWritten()) {
          req.response().setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
              .end("The instance of " + route.pool().appId() + " at " + t.address() + " failed: " + e.getMessage()
                  + "\n");
        } else {
          req.response().reset();
        }
      });
    });
  }

  private static void stripHopByHop(MultiMap h) {
    for (CharSequence name : HOP_BY_HOP) {
      if (h.contains(name)) {
        h.remove(name);
      }
    }
  }

  @Override
  public void stop() {
    if (client != null) {
      client.close();
    }
  }
}
