package dev.drover.apps.engine.core;

import java.time.Duration;
import java.util.List;

/**
 * Tuning of the engine. Immutable.
 *
 * @param frameworkName the framework's name (its ZooKeeper paths live under {@code /frameworks/<name>})
 * @param roles roles to ask offers for
 * @param failoverTimeout how long the master keeps the framework's tasks while no leader is subscribed
 * @param maxLaunchesPerRound at most this many tasks launched per batch of offers
 * @param maxKillsPerRound at most this many kills per reconciliation round
 * @param tick time between reconciliation rounds without events (back-off expiry, unreachable timeouts)
 * @param successfulRun an instance ready this long resets its app's launch back-off
 * @param autoRollbackAfter new-version instances that fail or turn unhealthy, with none becoming ready, before a
 *     restart is rolled back automatically; 0 disables
 * @param idleRefuse how long declined offers stay away while nothing waits to launch
 * @param busyRefuse how long declined offers stay away while something waits
 * @param drain how long a running instance is announced as draining ({@code instance_draining_event}) before its
 *     kill is sent, unless its app's label {@code DROVER_DRAIN_SECONDS} says otherwise; 0 kills at once
 */
public record EngineOptions(String frameworkName, List<String> roles, Duration failoverTimeout,
    int maxLaunchesPerRound, int maxKillsPerRound, Duration tick, Duration successfulRun, int autoRollbackAfter,
    Duration idleRefuse, Duration busyRefuse, Duration drain) {

  public static final String DEFAULT_NAME = "apps";

  public EngineOptions {
    roles = List.copyOf(roles);
    drain = drain == null ? Duration.ZERO : drain;
  }

  /** Options without a drain period (kills are sent at once unless an app's label asks for one). */
  public EngineOptions(String frameworkName, List<String> roles, Duration failoverTimeout, int maxLaunchesPerRound,
      int maxKillsPerRound, Duration tick, Duration successfulRun, int autoRollbackAfter, Duration idleRefuse,
      Duration busyRefuse) {
    this(frameworkName, roles, failoverTimeout, maxLaunchesPerRound, maxKillsPerRound, tick, successfulRun,
        autoRollbackAfter, idleRefuse, busyRefuse, Duration.ZERO);
  }

  /** These options with {@code d} as the default drain period. */
  public EngineOptions withDrain(Duration d) {
    return new EngineOptions(frameworkName, roles, failoverTimeout, maxLaunchesPerRound, maxKillsPerRound, tick,
        successfulRun, autoRollbackAfter, idleRefuse, busyRefuse, d);
  }

  /** Defaults: framework {@code apps}, role {@code *}, failover 1 week, 1000 launches and 100 kills per round, tick 1 s,
   *  successful run 10 s, auto-rollback after 3 failures, refuse 30 s idle / 1 s busy, no drain. */
  public static EngineOptions defaults() {
    return new EngineOptions(DEFAULT_NAME, List.of("*"), Duration.ofDays(7), 1000, 100, Duration.ofSeconds(1),
        Duration.ofSeconds(10), 3, Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  public EngineOptions withFrameworkName(String name) {
    return new EngineOptions(name, roles, failoverTimeout, maxLaunchesPerRound, maxKillsPerRound, tick,
        successfulRun, autoRollbackAfter, idleRefuse, busyRefuse, drain);
  }

  public EngineOptions withAutoRollbackAfter(int n) {
    return new EngineOptions(frameworkName, roles, failoverTimeout, maxLaunchesPerRound, maxKillsPerRound, tick,
        successfulRun, n, idleRefuse, busyRefuse, drain);
  }

  public EngineOptions withMaxKillsPerRound(int n) {
    return new EngineOptions(frameworkName, roles, failoverTimeout, maxLaunchesPerRound, n, tick, successfulRun,
        autoRollbackAfter, idleRefuse, busyRefuse, drain);
  }

  public EngineOptions withMaxLaunchesPerRound(int n) {
    return new EngineOptions(frameworkName, roles, failoverTimeout, n, maxKillsPerRound, tick, successfulRun,
        autoRollbackAfter, idleRefuse, busyRefuse, drain);
  }
}
