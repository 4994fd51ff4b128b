package dev.drover.master.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * A small reverse proxy: forwards the request (method, headers, the body already read by the body handler) to
 * {@code host:port} and streams the answer back as it arrives, chunk by chunk, so Server-Sent Events pass through
 * unbuffered. When the browser goes away the upstream request is reset. An upstream that cannot be reached answers
 * 502 with the API's error shape. Thread-safe (one Vert.x client).
 */
final class Proxy {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

  private final HttpClient client;

  Proxy(Vertx vertx) {
    this(vertx, o -> o);
  }

  /** {@code tls} adds the cluster's CA (and client certificate) when the upstreams serve TLS. */
  Proxy(Vertx vertx, java.util.function.UnaryOperator<HttpClientOptions> tls) {
    this.client = vertx.createHttpClient(tls.apply(new HttpClientOptions().setConnectTimeout(5_000)
        .setMaxPoolSize(64).setKeepAlive(true)));
  }

  /** Forwards to {@code http://host:port}{@code uri}; {@code what} names the upstream in errors. */
  void forward(RoutingContext ctx, String host, int port, String uri, String what) {
    HttpServerRequest in = ctx.request();
    HttpServerResponse out = ctx.response();
    Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    client.request(new RequestOptions().setMethod(in.method()).setHost(host).setPort(port).setURI(uri))
        .onFailure(e -> unreachable(ctx, what, e))
        .onSuccess(upstream -> {
          copy(in.headers(), upstream.headers());
          if (in.getHeader("Host") != null) {
            upstream.putHeader("X-Forwarded-Host", in.getHeader("Host"));
          }
          out.closeHandler(v -> upstream.reset());
          upstream.send(body).onFailure(e -> unreachable(ctx, what, e)).onSuccess(answer -> relay(answer, out));
        });
  }

  private static void relay(HttpClientResponse answer, HttpServerResponse out) {
    if (out.closed() || out.headWritten()) {
      answer.request().reset();
      return;
    }
    out.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    copy(answer.headers(), out.headers());
    String length = answer.getHeader("Content-Length");
    if (length != null) {
      out.putHeader("Content-Length", length);
    } else {
      out.setChunked(true);
    }
    answer.handler(chunk -> {
      if (!out.closed()) {
        out.write(chunk);
      }
    });
    answer.exceptionHandler(e -> out.reset());
    answer.endHandler(v -> {
      if (!out.closed() && !out.ended()) {
        out.end();
      }
    });
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        to.add(h.getKey(), h.getValue());
      }
    });
  }

  private static void unreachable(RoutingContext ctx, String what, Throwable e) {
    if (!ctx.response().headWritten() && !ctx.response().closed()) {
      Replies.error(ctx, 502, null, what + " did not answer: " + e.getMessage());
    }
  }

  void close() {
    client.close();
  }
}
