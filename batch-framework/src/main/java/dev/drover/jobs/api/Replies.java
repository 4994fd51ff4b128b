package dev.drover.jobs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.Rejected;
import dev.drover.jobs.job.Invalid;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.store.JobRepository;
import dev.drover.sdk.state.StateStoreException;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON replies and the mapping of failures to statuses (422 invalid, 404/409 rejected, 503 storage). Stateless. */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  static void json(RoutingContext ctx, int status, JsonNode body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, JobJson.MAPPER.createObjectNode().put("message", message));
  }

  static void failure(RoutingContext ctx, Throwable t) {
    Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof Invalid inv) {
      ObjectNode o = JobJson.MAPPER.createObjectNode().put("message", "Object is not valid");
      ArrayNode details = o.putArray("details");
      inv.errors().forEach((path, errors) -> {
        ArrayNode a = details.addObject().put("path", path).putArray("errors");
        errors.forEach(a::add);
      });
      json(ctx, 422, o);
    } else if (e instanceof Rejected r) {
      error(ctx, r.status(), r.getMessage());
    } else if (e instanceof JobRepository.Fenced || e instanceof StateStoreException) {
      error(ctx, 503, "state store unavailable or leadership lost: " + e.getMessage());
    } else if (e instanceof java.util.concurrent.RejectedExecutionException) {
      error(ctx, 503, "shutting down");
    } else {
      LOG.error("request {} {} failed", ctx.request().method(), ctx.request().uri(), e);
      error(ctx, 500, "internal error: " + e);
    }
  }
}
