package dev.drover.security.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.security.authn.Authenticator;
import dev.drover.security.authn.Principal;
import dev.drover.security.authz.Authorizer;
import dev.drover.security.authz.Decision;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The first handler on a component's Vert.x router: size limit (413 when {@code Content-Length} is over the limit),
 * authentication (401 with {@code WWW-Authenticate} when missing or wrong), per-principal rate limit (429 with
 * {@code Retry-After}), then authorization of what the route needs (403 naming the rule). Paths in {@code open}
 * (e.g. {@code /health}, {@code /ping}) skip all but the size limit. The principal is left in the context under
 * {@link #PRINCIPAL}. Handlers run on the event loop; the guard keeps no per-request state. Thread-safe.
 */
public final class RestGuard {
  /** The routing-context key of the authenticated {@link Principal}. */
  public static final String PRINCIPAL = "drover.principal";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final long bodyLimit;
  private final Optional<RateLimiter> limiter;
  private final Set<String> open;
  private final Function<HttpServerRequest, Optional<Permission>> permissions;

  /**
   * @param permissions what each request needs; empty for routes any authenticated principal may use
   */
  public RestGuard(Authenticator authenticator, Authorizer authorizer, long bodyLimit, Optional<RateLimiter> limiter,
      Set<String> open, Function<HttpServerRequest, Optional<Permission>> permissions) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.bodyLimit = bodyLimit;
    this.limiter = limiter;
    this.open = Set.copyOf(open);
    this.permissions = permissions;
  }

  /** Mounts the guard; call before any other route is added, so it runs first. */
  public void install(Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  /** The body limit every body handler on the router should also use. */
  public long bodyLimit() {
    return bodyLimit;
  }

  void handle(RoutingContext ctx) {
    Principal p = admit(ctx.request());
    if (p != null) {
      ctx.put(PRINCIPAL, p);
      ctx.next();
    }
  }

  /**
   * Checks one request without a router (for servers that dispatch requests themselves). Answers it (413, 401, 429
   * or 403) and returns null when it may not go on; otherwise returns its principal and leaves it untouched.
   */
  public Principal admit(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && tooLong(length)) {
      reply(req, 413, "the body is larger than " + bodyLimit + " bytes");
      return null;
    }
    if (open.contains(req.path())) {
      return Principal.ANONYMOUS;
    }
    Authenticator.Result r = authenticator.authenticate(req.getHeader(HttpHeaders.AUTHORIZATION),
        req.isSSL() ? req.sslSession() : null);
    if (!(r instanceof Authenticator.Result.Authenticated ok)) {
      req.response().putHeader("WWW-Authenticate", "Basic realm=\"drover\", charset=\"UTF-8\"");
      req.response().headers().add("WWW-Authenticate", "Bearer realm=\"drover\"");
      reply(req, 401, r instanceof Authenticator.Result.Invalid bad ? bad.reason()
          : "authentication required: send 'Authorization: Bearer <token>' or HTTP Basic credentials");
      return null;
    }
    Principal p = ok.principal();
    if (limiter.isPresent()) {
      String key = p.via() == Principal.Via.NONE ? "ip:" + req.remoteAddress().hostAddress()
          : "principal:" + p.name();
      long wait = limiter.get().tryAcquire(key);
      if (wait > 0) {
        req.response().putHeader("Retry-After", Long.toString(wait));
        reply(req, 429, "too many requests; retry after " + wait + " s");
        return null;
      }
    }
    Optional<Permission> needed = permissions.apply(req);
    if (needed.isPresent()) {
      Permission n = needed.get();
      Decision d = authorizer.check(p, n.action(), n.object());
      if (!d.allowed()) {
        deny(req, p, n, d);
        return null;
      }
    }
    return p;
  }

  /**
   * A handler for a route whose permission depends on the parsed body (e.g. weight or quota): mount it after the
   * body handler; it answers 403 on the first permission denied, else passes on.
   */
  public io.vertx.core.Handler<RoutingContext> require(Function<RoutingContext, java.util.List<Permission>> needed) {
    return ctx -> {
      Principal p = principal(ctx);
      for (Permission n : needed.apply(ctx)) {
        Decision d = authorizer.check(p, n.action(), n.object());
        if (!d.allowed()) {
          deny(ctx.request(), p, n, d);
          return;
        }
      }
      ctx.next();
    };
  }

  private static void deny(HttpServerRequest req, Principal p, Permission n, Decision d) {
    ObjectNode body = JSON.createObjectNode().put("message", Authorizer.denialMessage(p, n.action(), n.object(), d));
    body.put("action", n.action().wireName()).put("object", n.object()).put("rule", d.ruleIndex())
        .put("ruleText", d.ruleText());
    send(req, 403, body);
  }

  private boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > bodyLimit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The principal the guard authenticated for this request ({@link Principal#ANONYMOUS} without a guard). */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    return p == null ? Principal.ANONYMOUS : p;
  }

  private static void reply(HttpServerRequest req, int status, String message) {
    send(req, status, JSON.createObjectNode().put("message", message));
  }

  private static void send(HttpServerRequest req, int status, ObjectNode body) {
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toString());
  }
}
