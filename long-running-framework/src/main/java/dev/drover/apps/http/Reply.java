package dev.drover.apps.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.apps.api.ApiException;
import dev.drover.apps.runtime.ConflictException;
import dev.drover.apps.validation.InvalidException;
import dev.drover.sdk.state.StateStoreException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An HTTP answer: status, JSON body (or none) and extra headers. Refusals map to Marathon's error shapes. */
record Reply(int status, JsonNode body, Map<String, String> headers, io.vertx.core.buffer.Buffer raw) {
  private static final Logger LOG = LoggerFactory.getLogger(Reply.class);

  Reply(int status, JsonNode body, Map<String, String> headers) {
    this(status, body, headers, null);
  }

  static Reply ok(JsonNode body) {
    return new Reply(200, body, Map.of());
  }

  /** 200 with JSON already serialized. */
  static Reply okRaw(io.vertx.core.buffer.Buffer json) {
    return new Reply(200, null, Map.of(), json);
  }

  static Reply of(int status, JsonNode body) {
    return new Reply(status, body, Map.of());
  }

  static Reply error(Throwable t) {
    Throwable e = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof InvalidException ie) {
      return of(422, Views.invalid(ie.details()));
    }
    if (e instanceof ApiException ae) {
      return of(ae.status(), Views.message(ae.getMessage()));
    }
    if (e instanceof ConflictException ce) {
      var body = Views.message(ce.getMessage());
      var ds = body.putArray("deployments");
      ce.deploymentIds().forEach(id -> ds.addObject().put("id", id));
      return of(409, body);
    }
    if (e instanceof dev.drover.apps.engine.UnknownAppException
        || e instanceof dev.drover.apps.engine.UnknownDeploymentException) {
      return of(404, Views.message(e.getMessage()));
    }
    if (e instanceof dev.drover.apps.engine.EngineException) {
      return of(409, Views.message(e.getMessage()));
    }
    if (e instanceof JsonProcessingException je) {
      return of(400, Views.message("Invalid JSON: " + je.getOriginalMessage()));
    }
    if (e instanceof StateStoreException) {
      LOG.warn("state store unavailable", e);
      return of(503, Views.message("State store unavailable: " + e.getMessage() + "; nothing may have changed"));
    }
    LOG.error("unexpected failure serving a request", e);
    return of(500, Views.message("Internal error: " + e));
  }
}
