package dev.drover.security.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.security.authn.Authenticator;
import dev.drover.security.authn.Principal;
import dev.drover.security.authz.Authorizer;
import dev.drover.security.authz.Decision;
import io.vertx.core.http.HttpHeaders;
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
  private final Function<RoutingContext, Optional<Permission>> permissions;

  /**
   * @param permissions what each request needs; empty for routes any authenticated principal may use
   */
  public RestGuard(Authenticator authenticator, Authorizer authorizer, long bodyLimit, Optional<RateLimiter> limiter,
      Set<String> open, Function<RoutingContext, Optional<Permission>> permissions) {
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
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && tooLong(length)) {
      reply(ctx, 413, "the body is larger than " + bodyLimit + " bytes");
      return;
    }
    if (open.contains(ctx.request().path())) {
      ctx.put(PRINCIPAL, Principal.ANONYMOUS);
      ctx.next();
      return;
    }
    Authenticator.Result r = authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
        ctx.request().isSSL() ? ctx.request().sslSession() : null);
    if (!(r instanceof Authenticator.Result.Authenticated ok)) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"drover\", charset=\"UTF-8\"");
      ctx.response().headers().add("WWW-Authenticate", "Bearer realm=\"drover\"");
      reply(ctx, 401, r instanceof Authenticator.Result.Invalid bad ? bad.reason()
          : "authentication required: send 'Authorization: Bearer <token>' or HTTP Basic credentials");
      return;
    }
    Principal p = ok.principal();
    if (limiter.isPresent()) {
      String key = p.via() == Principal.Via.NONE ? "ip:" + ctx.request().remoteAddress().hostAddress()
          : "principal:" + p.name();
      long wait = limiter.get().tryAcquire(key);
      if (wait > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        reply(ctx, 429, "too many requests; retry after " + wait + " s");
        return;
      }
    }
    ctx.put(PRINCIPAL, p);
    Optional<Permission> needed = permissions.apply(ctx);
    if (needed.isPresent()) {
      Permission n = needed.get();
      Decision d = authorizer.check(p, n.action(), n.object());
      if (!d.allowed()) {
        ObjectNode body = JSON.createObjectNode().put("message",
            Authorizer.denialMessage(p, n.action(), n.object(), d));
        body.put("action", n.action().wireName()).put("object", n.object()).put("rule", d.ruleIndex())
            .put("ruleText", d.ruleText());
        send(ctx, 403, body);
        return;
      }
    }
    ctx.next();
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

  private static void reply(RoutingContext ctx, int status, String message) {
    send(ctx, status, JSON.createObjectNode().put("message", message));
  }

  private static void send(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toString());
  }
}
