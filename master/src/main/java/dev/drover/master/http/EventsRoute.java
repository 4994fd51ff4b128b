package dev.drover.master.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.events.ClusterEvent;
import dev.drover.master.events.EventBus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /api/v1/events}: Server-Sent Events, one {@code event: TYPE} with a JSON {@code data:} line per
 * operator event, and a comment line ({@code : heartbeat}) every heartbeat interval so proxies keep the stream.
 * Events are handed over from the master's loop to this stream's Vert.x context; a closed stream unsubscribes.
 */
final class EventsRoute {
  private final Vertx vertx;
  private final EventBus bus;
  private final Duration heartbeat;

  EventsRoute(Vertx vertx, EventBus bus, Duration heartbeat) {
    this.vertx = vertx;
    this.bus = bus;
    this.heartbeat = heartbeat;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    response.write(": connected\n\n");
    Context context = vertx.getOrCreateContext();
    Runnable unsubscribe = bus.subscribe(e -> {
      String frame = frame(e);
      context.runOnContext(v -> {
        if (!response.closed() && !response.ended()) {
          response.write(frame);
        }
      });
    });
    long timer = vertx.setPeriodic(Math.max(100, heartbeat.toMillis()), id -> {
      if (!response.closed() && !response.ended()) {
        response.write(": heartbeat\n\n");
      }
    });
    response.closeHandler(v -> {
      unsubscribe.run();
      vertx.cancelTimer(timer);
    });
  }

  static String frame(ClusterEvent e) {
    ObjectNode data = Replies.JSON.createObjectNode().put("type", e.type());
    data.set("data", Replies.JSON.valueToTree(e.data()));
    try {
      return "event: " + e.type() + "\ndata: " + Replies.JSON.writeValueAsString(data) + "\n\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
