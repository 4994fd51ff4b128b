package dev.drover.router.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.router.routing.AppsSnapshot;
import dev.drover.router.routing.RoutingState;
import dev.drover.router.routing.RoutingView;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the apps framework: subscribes to {@code /v2/events}, and on every (re)connect, on every app definition
 * change and every {@code resyncEvery}, loads {@code GET /v2/apps?embed=apps.tasks} in full. Events that arrive while
 * a resync is in flight are held and applied, in order, on top of its snapshot (events are absolute: a later one
 * always wins), so none is lost between the two. Each change publishes a new {@link RoutingView}.
 *
 * <p>Threading: everything runs on one Vert.x context (the one {@link #start} is called on); {@link RoutingState} has
 * this single writer. {@link #status()} may be read from any thread.
 */
public final class AppsFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppsFollower.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RETRY_MS = 500;

  /**
   * What the follower knows of its connection, for the status page. Immutable.
   *
   * @param endpoint the apps URL followed, or empty when none is known
   * @param connected whether the event stream is open
   * @param lastResync when the last full resync was applied, or null
   * @param events events received since start (held during a resync, then applied)
   * @param resyncs full resyncs applied since start
   */
  public record Status(String endpoint, boolean connected, Instant lastResync, long events, long resyncs) {}

  private final Vertx vertx;
  private final Supplier<Optional<String>> endpoint;
  private final Consumer<RoutingView> publish;
  private final Duration resyncEvery;
  private final RoutingState state = new RoutingState();
  private final HttpClient http;
  private Context context;
  private String current;
  private HttpClientResponse stream;
  private boolean resyncing;
  private boolean resyncPending;
  private List<String[]> held;
  private long periodic = -1;
  private long events;
  private long resyncs;
  private Instant lastResync;
  private volatile Status status = new Status("", false, null, 0, 0);
  private volatile boolean closed;

  /**
   * A follower of the apps framework at {@code endpoint} (its base URL, e.g. {@code http://host:8080}; empty while
   * none is known, asked again on each reconnect), publishing tables to {@code publish} (called on the follower's
   * context).
   */
  public AppsFollower(Vertx vertx, Supplier<Optional<String>> endpoint, Consumer<RoutingView> publish,
      Duration resyncEvery) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.publish = publish;
    this.resyncEvery = resyncEvery;
    this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(4).setConnectTimeout(2000));
  }

  /** Starts following; call on the context that is to own the state. */
  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      connect();
      periodic = vertx.setPeriodic(resyncEvery.toMillis(), id -> {
        if (stream != null) {
          resync();
        }
      });
    });
  }

  /** Asks for a reconnect (e.g. the leader changed); may be called from any thread. */
  public void reconnect() {
    if (context != null) {
      context.runOnContext(v -> {
        if (stream != null) {
          stream.request().reset();
        }
      });
    }
  }

  /** The follower's connection status. */
  public Status status() {
    return status;
  }

  private void connect() {
    if (closed) {
      return;
    }
    Optional<String> base = endpoint.get();
    if (base.isEmpty()) {
      updateStatus(false);
      vertx.setTimer(RETRY_MS, id -> connect());
      return;
    }
    current = base.get();
    URI uri = URI.create(current + "/v2/events");
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
            .putHeader("accept", "text/event-stream"))
        .compose(req -> req.send())
        .onSuccess(resp -> {
          if (resp.statusCode() != 200) {
            LOG.warn("{} answered {} to the event stream; retrying", current, resp.statusCode());
            resp.request().reset();
            retry();
            return;
          }
          stream = resp;
          SseParser parser = new SseParser(this::onEvent);
          resp.handler(buf -> parser.feed(buf.toString(java.nio.charset.StandardCharsets.UTF_8)));
          resp.exceptionHandler(e -> lost(resp, e.getMessage()));
          resp.endHandler(v -> lost(resp, "the stream ended"));
          LOG.info("Following the apps framework at {}", current);
          updateStatus(true);
          resync();
        })
        .onFailure(e -> {
          LOG.debug("Event stream at {} failed: {}", current, e.getMessage());
          retry();
        });
  }

  private void lost(HttpClientResponse resp, String why) {
    if (stream != resp) {
      return;
    }
    stream = null;
    LOG.warn("Lost the apps event stream at {} ({}); reconnecting", current, why);
    updateStatus(false);
    retry();
  }

  private void retry() {
    if (!closed) {
      vertx.setTimer(RETRY_MS, id -> connect());
    }
  }

  private void onEvent(String type, String data) {
    events++;
    if (held != null) {
      updateStatus(stream != null);
      held.add(new String[] {type, data});
      return;
    }
    apply(type, data);
  }

  private void apply(String type, String data) {
    JsonNode node;
    try {
      node = JSON.readTree(data);
    } catch (java.io.IOException e) {
      LOG.warn("Ignoring an unreadable {} event: {}", type, e.getMessage());
      return;
    }
    RoutingState.Outcome o = state.apply(type, node);
    if (o == RoutingState.Outcome.CHANGED) {
      publish.accept(state.view());
    } else if (o == RoutingState.Outcome.RESYNC) {
      publish.accept(state.view());
      resync();
    }
    updateStatus(stream != null);
  }

  private void resync() {
    if (resyncing) {
      resyncPending = true;
      return;
    }
    resyncing = true;
    held = new ArrayList<>();
    String base = current;
    http.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setAbsoluteURI(base + "/v2/apps?embed=apps.tasks"))
        .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
          if (resp.statusCode() != 200) {
            throw new IllegalStateException(base + "/v2/apps answered " + resp.statusCode());
          }
          return body;
        })))
        .onComplete(ar -> {
          List<String[]> backlog = held;
          held = null;
          resyncing = false;
          if (ar.succeeded()) {
            try {
              state.resync(AppsSnapshot.parse(JSON.readTree(ar.result().getBytes())));
              resyncs++;
              lastResync = Instant.now();
              publish.accept(state.view());
            } catch (java.io.IOException | RuntimeException e) {
              LOG.warn("Unreadable app list from {}: {}", base, e.getMessage());
              resyncPending = true;
            }
          } else {
            LOG.warn("Resync from {} failed: {}", base, ar.cause().getMessage());
            resyncPending = stream != null;
          }
          backlog.forEach(ev -> apply(ev[0], ev[1]));
          updateStatus(stream != null);
          if (resyncPending && !resyncing) {
            resyncPending = false;
            vertx.setTimer(ar.succeeded() ? 1 : RETRY_MS, id -> resync());
          }
        });
  }

  private void updateStatus(boolean connected) {
    status = new Status(current == null ? "" : current, connected, lastResync, events, resyncs);
  }

  /** Stops following; the last published table stays. */
  @Override
  public void close() {
    closed = true;
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
    }
    http.close();
  }
}
