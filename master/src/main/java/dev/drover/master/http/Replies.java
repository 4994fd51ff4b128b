package dev.drover.master.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

/** JSON answers and the API's error shape: {@code {"error": "...", "field": "..."}} with a 4xx status. */
final class Replies {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request the API refuses; {@code field} names the parameter or body field at fault (may be null). */
  static final class BadRequest extends RuntimeException {
    final int status;
    final String field;

    BadRequest(int status, String field, String message) {
      super(message);
      this.status = status;
      this.field = field;
    }

    BadRequest(String field, String message) {
      this(400, field, message);
    }
  }

  private Replies() {}

  static void send(RoutingContext ctx, int status, JsonNode body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  static void error(RoutingContext ctx, int status, String field, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    send(ctx, status, body);
  }

  static void refuse(RoutingContext ctx, BadRequest e) {
    error(ctx, e.status, e.field, e.getMessage());
  }

  /** The request body as a JSON object; a missing body is an empty object. */
  static JsonNode body(RoutingContext ctx) {
    try {
      String text = ctx.body() == null || ctx.body().buffer() == null ? null
          : dev.drover.model.Utf8.strict(ctx.body().buffer().getBytes()).orElseThrow(
              () -> new com.fasterxml.jackson.core.JsonParseException(null, "the body is not valid UTF-8"));
      if (text == null || text.isBlank()) {
        return JSON.createObjectNode();
      }
      JsonNode n = JSON.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
      if (!n.isObject()) {
        throw new BadRequest("body", "the body must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new BadRequest("body", "the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A non-negative integer query parameter, or the default when absent. */
  static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new BadRequest(name, name + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name, name + " must be an integer, not '" + v + "'");
    }
  }
}
