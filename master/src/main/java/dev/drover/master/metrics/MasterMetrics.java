package dev.drover.master.metrics;

import dev.drover.master.state.AgentState;
import dev.drover.master.state.StateSnapshot;
import dev.drover.model.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The master's Prometheus metrics (Micrometer): offers sent, declined and rescinded, allocation cycles and their
 * duration, and gauges read from the latest snapshot at scrape time — tasks by state, agents by state, frameworks
 * by connection. One registry per master, so several masters in one JVM do not mix. Thread-safe.
 */
public final class MasterMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter offersSent;
  private final Counter offersDeclined;
  private final Counter offersRescinded;
  private final Timer allocationCycles;

  public MasterMetrics(Supplier<StateSnapshot> snapshot) {
    offersSent = Counter.builder("drover.offers.sent").description("offers sent to frameworks").register(registry);
    offersDeclined = Counter.builder("drover.offers.declined").description("offers frameworks declined")
        .register(registry);
    offersRescinded = Counter.builder("drover.offers.rescinded").description("offers the master rescinded")
        .register(registry);
    allocationCycles = Timer.builder("drover.allocation.cycles").description("allocation cycles and their duration")
        .register(registry);
    for (TaskState state : TaskState.values()) {
      Gauge.builder("drover.tasks", snapshot, s -> s.get().tasks().stream().filter(t -> t.state() == state).count())
          .description("tasks the master knows, by state").tag("state", "TASK_" + state.name())
          .strongReference(true).register(registry);
    }
    for (AgentState state : AgentState.values()) {
      Gauge.builder("drover.agents", snapshot, s -> s.get().agents().stream().filter(a -> a.state() == state).count())
          .description("admitted agents, by state").tag("state", state.name())
          .strongReference(true).register(registry);
    }
    for (boolean active : new boolean[] {true, false}) {
      Gauge.builder("drover.frameworks", snapshot,
              s -> s.get().frameworks().stream().filter(f -> f.active() == active).count())
          .description("frameworks, by whether they are connected")
          .tag("state", active ? "connected" : "disconnected").strongReference(true).register(registry);
    }
    Gauge.builder("drover.leader", snapshot, s -> s.get().leading() ? 1 : 0)
        .description("1 when this master leads").strongReference(true).register(registry);
  }

  public void offersSent(int n) {
    offersSent.increment(n);
  }

  public void offersDeclined(int n) {
    offersDeclined.increment(n);
  }

  public void offerRescinded() {
    offersRescinded.increment();
  }

  public void allocationCycle(Duration took) {
    allocationCycles.record(took);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
