package dev.drover.agent.metrics;

import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.TaskKey;
import dev.drover.model.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's Prometheus metrics, derived from the status updates it emits: updates by state and reason, tasks not
 * yet terminal, and the time from STARTING to RUNNING (launch latency). Thread-safe.
 */
public final class AgentMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<TaskKey, Instant> starting = new ConcurrentHashMap<>();
  private final Map<TaskKey, TaskState> active = new ConcurrentHashMap<>();
  private final Timer launch;

  public AgentMetrics() {
    Gauge.builder("drover_agent_tasks_active", active, Map::size)
        .description("tasks on this agent that have not reached a terminal state").register(registry);
    launch = Timer.builder("drover_agent_task_launch").description("from STARTING to RUNNING")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  /** Counts {@code u}; call it with every update the agent emits. */
  public void observe(StatusUpdate u) {
    Counter.builder("drover_agent_status_updates").tag("state", u.state().name()).tag("reason", u.reason().name())
        .register(registry).increment();
    if (u.state().isTerminal()) {
      active.remove(u.key());
      starting.remove(u.key());
      return;
    }
    active.put(u.key(), u.state());
    if (u.state() == TaskState.STARTING) {
      starting.put(u.key(), u.timestamp());
    } else if (u.state() == TaskState.RUNNING) {
      Instant began = starting.remove(u.key());
      if (began != null) {
        launch.record(Duration.between(began, u.timestamp()));
      }
    }
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
