package dev.drover.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.allocator.RolesView;
import dev.drover.master.core.MasterCore;
import dev.drover.model.Resources;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/v1/roles}: every role with its weight, quota, allocation, frameworks and share.
 * {@code PUT /api/v1/roles/:role} {weight?, quota?}: sets the weight and/or the quota ({@code {}} removes it);
 * quota takes cpus, mem, disk and gpus.
 */
final class RolesRoute {
  private static final Set<String> QUOTA_KINDS = Set.of("cpus", "mem", "disk", "gpus");

  private final MasterCore core;
  private final StateJson render;

  RolesRoute(MasterCore core, StateJson render) {
    this.core = core;
    this.render = render;
  }

  void list(RoutingContext ctx) {
    ObjectNode body = Replies.JSON.createObjectNode();
    var roles = body.putArray("roles");
    new TreeMap<>(core.roles().roles()).values().forEach(r -> roles.add(render(r)));
    Replies.send(ctx, 200, body);
  }

  void update(RoutingContext ctx) {
    String role = ctx.pathParam("role");
    if (role == null || role.isBlank() || role.contains("/")) {
      throw new Replies.BadRequest("role", "role must be a non-empty name");
    }
    JsonNode body = Replies.body(ctx);
    JsonNode weight = body.path("weight");
    JsonNode quota = body.path("quota");
    if (weight.isMissingNode() && quota.isMissingNode()) {
      throw new Replies.BadRequest("body", "give weight and/or quota");
    }
    List<CompletableFuture<Void>> changes = new ArrayList<>();
    if (!weight.isMissingNode()) {
      if (!weight.isNumber() || !(weight.asDouble() > 0) || !Double.isFinite(weight.asDouble())) {
        throw new Replies.BadRequest("weight", "weight must be a finite number > 0");
      }
    }
    Resources limit = quota.isMissingNode() ? null : quota(quota);
    if (!weight.isMissingNode()) {
      changes.add(core.updateWeights(Map.of(role, weight.asDouble())));
    }
    if (limit != null) {
      changes.add(core.updateQuota(role, limit));
    }
    CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
      if (error != null) {
        Throwable e = error.getCause() != null ? error.getCause() : error;
        Replies.error(ctx, e instanceof IllegalArgumentException ? 400 : 503, null, String.valueOf(e.getMessage()));
      } else {
        RolesView.Role now = core.roles().roles().get(role);
        Replies.send(ctx, 200, now == null ? Replies.JSON.createObjectNode().put("name", role) : render(now));
      }
    });
  }

  private static Resources quota(JsonNode q) {
    if (!q.isObject()) {
      throw new Replies.BadRequest("quota", "quota must be an object such as {\"cpus\": 4, \"mem\": 4096}");
    }
    StringBuilder text = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!QUOTA_KINDS.contains(e.getKey())) {
        throw new Replies.BadRequest("quota." + e.getKey(), "quota takes cpus, mem, disk and gpus, not "
            + e.getKey());
      }
      if (!e.getValue().isNumber() || !(e.getValue().asDouble() >= 0) || !Double.isFinite(e.getValue().asDouble())) {
        throw new Replies.BadRequest("quota." + e.getKey(), "quota." + e.getKey() + " must be a finite number >= 0");
      }
      text.append(text.length() == 0 ? "" : ";").append(e.getKey()).append(':').append(e.getValue().asDouble());
    }
    return text.length() == 0 ? Resources.EMPTY : Resources.parse(text.toString());
  }

  private ObjectNode render(RolesView.Role r) {
    ObjectNode n = Replies.JSON.createObjectNode();
    n.put("name", r.name()).put("weight", r.weight());
    n.set("quota", render.resources(r.quota()));
    n.set("allocated", render.resources(r.allocated()));
    r.frameworks().forEach(n.putArray("frameworks")::add);
    n.put("share", r.share());
    return n;
  }
}
