package dev.drover.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.security.authz.Action;
import dev.drover.security.http.Permission;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each master route needs under ACLs (docs/security.md). Reads need {@code view_state}; drains
 * {@code drain_agent}; a role's weight and quota {@code update_weights} / {@code update_quota} on the role;
 * sandboxes {@code read_sandbox}; the apps and jobs APIs behind {@code /frameworks/apps|jobs/} need
 * {@code view_|change_apps|jobs} here as they do at the framework (which checks again with the forwarded
 * credentials). The UI's static files need authentication only; {@code /health} is open.
 */
final class MasterPermissions {
  static final Set<String> OPEN = Set.of("/health");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MasterPermissions() {}

  static Optional<Permission> of(HttpServerRequest req) {
    String path = req.path();
    boolean read = req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD;
    if (path.startsWith("/api/v1/maintenance/")) {
      return Optional.of(new Permission(Action.DRAIN_AGENT, path));
    }
    if (path.startsWith("/api/v1/roles/") && !read) {
      return Optional.empty();
    }
    if (path.startsWith("/api/v1/") || path.equals("/metrics")) {
      return Optional.of(new Permission(Action.VIEW_STATE, path));
    }
    if (path.startsWith("/agents/")) {
      return Optional.of(new Permission(Action.READ_SANDBOX, path));
    }
    if (path.startsWith("/frameworks/apps/")) {
      String upstream = path.substring("/frameworks/apps".length());
      return Optional.of(new Permission(read ? Action.VIEW_APPS : Action.CHANGE_APPS, upstream));
    }
    if (path.startsWith("/frameworks/jobs/")) {
      String upstream = path.substring("/frameworks/jobs".length());
      return Optional.of(new Permission(read ? Action.VIEW_JOBS : Action.CHANGE_JOBS, upstream));
    }
    return Optional.empty();
  }

  /** {@code PUT /api/v1/roles/:role}: weight and quota are separate permissions on the role. */
  static List<Permission> roleUpdate(RoutingContext ctx) {
    String role = ctx.pathParam("role");
    List<Permission> out = new ArrayList<>();
    JsonNode body;
    try {
      body = ctx.body() == null || ctx.body().buffer() == null ? JSON.createObjectNode()
          : JSON.readTree(ctx.body().buffer().getBytes());
    } catch (IOException e) {
      return List.of();
    }
    if (body == null || body.has("weight") || !body.has("quota")) {
      out.add(new Permission(Action.UPDATE_WEIGHTS, role));
    }
    if (body != null && body.has("quota")) {
      out.add(new Permission(Action.UPDATE_QUOTA, role));
    }
    return out;
  }
}
