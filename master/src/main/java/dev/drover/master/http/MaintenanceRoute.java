package dev.drover.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.core.MasterCore;
import dev.drover.master.maintenance.DrainView;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET /api/v1/maintenance}, {@code POST /api/v1/maintenance/drain} {agentId, gracePeriodSeconds?, kill?} and
 * {@code POST /api/v1/maintenance/undrain} {agentId}. The answer comes once the change is persisted and applied.
 */
final class MaintenanceRoute {
  /** A year: longer grace periods are mistakes, and infinite ones would overflow the drain's deadline. */
  static final double MAX_GRACE_SECONDS = 365 * 86400;

  private final MasterCore core;

  MaintenanceRoute(MasterCore core) {
    this.core = core;
  }

  void list(RoutingContext ctx) {
    ArrayNode agents = Replies.JSON.createArrayNode();
    core.maintenance().forEach(v -> agents.add(render(v)));
    ObjectNode body = Replies.JSON.createObjectNode();
    body.set("agents", agents);
    Replies.send(ctx, 200, body);
  }

  void drain(RoutingContext ctx) {
    JsonNode body = Replies.body(ctx);
    String agentId = agentId(body);
    JsonNode grace = body.path("gracePeriodSeconds");
    if (!grace.isMissingNode() && !grace.isNull()
        && (!grace.isNumber() || !(grace.asDouble() >= 0) || grace.asDouble() > MAX_GRACE_SECONDS)) {
      throw new Replies.BadRequest("gracePeriodSeconds", "gracePeriodSeconds must be a number between 0 and "
          + MAX_GRACE_SECONDS);
    }
    JsonNode kill = body.path("kill");
    if (!kill.isMissingNode() && !kill.isNull() && !kill.isBoolean()) {
      throw new Replies.BadRequest("kill", "kill must be true or false");
    }
    Duration period = Duration.ofMillis(Math.round(grace.asDouble(0) * 1000));
    answer(ctx, core.drainAgent(agentId, period, kill.asBoolean(false)).thenApply(this::render));
  }

  void undrain(RoutingContext ctx) {
    String agentId = agentId(Replies.body(ctx));
    answer(ctx, core.undrainAgent(agentId).thenApply(v -> Replies.JSON.createObjectNode().put("agentId", agentId)
        .put("state", "UP")));
  }

  private static String agentId(JsonNode body) {
    JsonNode id = body.path("agentId");
    if (!id.isTextual() || id.asText().isBlank()) {
      throw new Replies.BadRequest("agentId", "agentId is required (a string)");
    }
    return id.asText();
  }

  private static void answer(RoutingContext ctx, CompletableFuture<? extends JsonNode> result) {
    result.whenComplete((body, error) -> {
      Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (e == null) {
        Replies.send(ctx, 200, body);
      } else if (e instanceof IllegalArgumentException) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        Replies.error(ctx, message.startsWith("agentId: unknown") ? 404 : 400,
            colon > 0 ? message.substring(0, colon) : null, message);
      } else {
        Replies.error(ctx, 503, null, String.valueOf(e.getMessage()));
      }
    });
  }

  private ObjectNode render(DrainView v) {
    ObjectNode n = Replies.JSON.createObjectNode();
    n.put("agentId", v.agentId()).put("hostname", v.hostname()).put("state", v.state())
        .put("since", v.since().toString()).put("gracePeriodSeconds", v.gracePeriod().toMillis() / 1000.0)
        .put("kill", v.kill()).put("liveTasks", v.liveTasks());
    return n;
  }
}
