package dev.drover.apps.http;

import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.AppEvent;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v2/events}: Server-Sent Events, one {@code event: <eventType>} / {@code data: <json>} pair per event,
 * filtered by any number of {@code ?event_type=}. On connect it sends {@code event_stream_attached}; a slow client
 * whose write queue is full misses events rather than holding the others back.
 */
final class EventStream {
  private final EventHub hub;
  private final java.util.function.Supplier<Instant> clock;

  EventStream(EventHub hub, java.util.function.Supplier<Instant> clock) {
    this.hub = hub;
    this.clock = clock;
  }

  void handle(RoutingContext ctx) {
    Set<String> types = new HashSet<>(ctx.queryParams().getAll("event_type"));
    HttpServerResponse r = ctx.response();
    r.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    Context context = ctx.vertx().getOrCreateContext();
    Runnable[] unsubscribe = new Runnable[1];
    unsubscribe[0] = hub.subscribe(e -> {
      if (types.isEmpty() || types.contains(e.eventType())) {
        context.runOnContext(v -> {
          if (!r.closed() && !r.writeQueueFull()) {
            r.write("event: " + e.eventType() + "\ndata: " + AppJson.write(Views.event(e)) + "\n\n");
          }
        });
      }
    });
    r.closeHandler(v -> unsubscribe[0].run());
    r.write(":\n\n");
    String ip = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().host();
    hub.accept(new AppEvent("event_stream_attached", clock.get().toString(), Map.of("remoteAddress", ip)));
  }
}
