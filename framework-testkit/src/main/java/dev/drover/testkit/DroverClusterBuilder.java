package dev.drover.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Configures a {@link DroverCluster}. Defaults: 2 masters (so {@link DroverCluster#failover()} is quick), 1 simulated
 * agent with {@code cpus:4;mem:4096;disk:10000;ports:[31000-31999]}, no attributes, tasks that run until killed, the
 * system clock, 10 s start timeout. Not thread-safe.
 */
public final class DroverClusterBuilder {
  private int masters = 2;
  private int agents = 1;
  private boolean simulated = true;
  private String resources = "cpus:4;mem:4096;disk:10000;ports:[31000-31999]";
  private IntFunction<String> attributes = i -> "";
  private Function<SimulatedTask, TaskBehavior> behavior = t -> TaskBehavior.runForever();
  private boolean manualClock;
  private Duration timeout = Duration.ofSeconds(10);

  DroverClusterBuilder() {}

  /** How many masters contend for leadership (at least 1). */
  public DroverClusterBuilder masters(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one master");
    }
    this.masters = n;
    return this;
  }

  /** How many agents. */
  public DroverClusterBuilder agents(int n) {
    this.agents = n;
    return this;
  }

  /** Agents with simulated tasks (the default). */
  public DroverClusterBuilder simulated() {
    this.simulated = true;
    return this;
  }

  /** Real agents that run real processes in a temporary directory. */
  public DroverClusterBuilder processes() {
    this.simulated = false;
    return this;
  }

  /** Each agent's resources, in the agent's text form. */
  public DroverClusterBuilder resources(String text) {
    this.resources = Objects.requireNonNull(text);
    return this;
  }

  /** Agent {@code i}'s (1-based) attributes, in the agent's text form, e.g. {@code i -> "rack:r" + (i % 2)}. */
  public DroverClusterBuilder attributes(IntFunction<String> perAgent) {
    this.attributes = Objects.requireNonNull(perAgent);
    return this;
  }

  /** What each simulated task does. */
  public DroverClusterBuilder behavior(Function<SimulatedTask, TaskBehavior> behavior) {
    this.behavior = Objects.requireNonNull(behavior);
    return this;
  }

  /** Simulated run times follow {@link DroverCluster#clock()}, advanced by the test, instead of the system clock. */
  public DroverClusterBuilder manualClock() {
    this.manualClock = true;
    return this;
  }

  /** How long start-up and the cluster's own waits may take. */
  public DroverClusterBuilder timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout);
    return this;
  }

  /** The cluster, not yet started (the extension or {@link DroverCluster#start()} starts it). */
  public DroverCluster build() {
    return new DroverCluster(new ClusterSettings(masters, agents, simulated, resources, attributes, behavior,
        manualClock, timeout));
  }
}
