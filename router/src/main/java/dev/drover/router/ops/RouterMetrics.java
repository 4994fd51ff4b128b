package dev.drover.router.ops;

import dev.drover.router.routing.Target;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The router's Prometheus metrics: {@code drover_router_requests_seconds{app,backend,code}} (count, sum and max of
 * proxied HTTP requests by status class), {@code drover_router_errors_total{app,backend,reason}} (requests or
 * connections that got no answer from a backend, and refusals without one), {@code
 * drover_router_tcp_connections_total{app,backend}}, {@code drover_router_backends_ready{app}}. Thread-safe; meters
 * are cached per label set so the hot path allocates one key.
 */
public final class RouterMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Key, Timer[]> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Records one proxied HTTP request to {@code backend} of {@code app} that answered {@code status}. */
  public void request(String app, Target backend, int status, long nanos) {
    int cls = Math.max(1, Math.min(5, status / 100));
    Timer[] byClass = timers.computeIfAbsent(new Key(app, backend), k -> new Timer[6]);
    Timer timer = byClass[cls];
    if (timer == null) {
      timer = Timer.builder("drover.router.requests").description("HTTP requests proxied to a backend")
          .tags("app", app, "backend", backend.address(), "code", cls + "xx").register(registry);
      byClass[cls] = timer;  // a race registers the same meter twice: the registry returns the one instance
    }
    timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private record Key(String app, Target backend) {}

  /** Counts an error: {@code reason} is e.g. {@code connect}, {@code reset}, {@code no_backend}, {@code no_route}. */
  public void error(String app, String backend, String reason) {
    counter("drover.router.errors", "requests or connections that failed", app, backend, reason).increment();
  }

  /** Counts a TCP connection proxied to {@code backend}. */
  public void tcpConnection(String app, String backend) {
    counter("drover.router.tcp.connections", "TCP connections proxied", app, backend, null).increment();
  }

  /** Registers a gauge of the ready backends of {@code app}, read from {@code ready} at each scrape. */
  public void readyGauge(String app, Supplier<Number> ready) {
    io.micrometer.core.instrument.Gauge.builder("drover.router.backends.ready", ready)
        .description("ready backends per app").tag("app", app).register(registry);
  }

  private Counter counter(String name, String help, String app, String backend, String reason) {
    return counters.computeIfAbsent(name + '|' + app + '|' + backend + '|' + reason, k -> {
      Counter.Builder b = Counter.builder(name).description(help).tags("app", app, "backend", backend);
      if (reason != null) {
        b.tag("reason", reason);
      }
      return b.register(registry);
    });
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
