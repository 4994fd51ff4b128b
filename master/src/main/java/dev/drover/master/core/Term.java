package dev.drover.master.core;

import dev.drover.master.agent.AgentHandler;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.allocator.ClusterAllocator;
import dev.drover.master.allocator.RoleSettings;
import dev.drover.master.failover.AgentRecovery;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.failover.FrameworkFailover;
import dev.drover.master.framework.SchedulerHandler;
import dev.drover.master.health.AgentHealth;
import dev.drover.master.maintenance.Maintenance;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.registry.Registry;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.MasterContext;
import dev.drover.master.task.TaskHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One leadership term: the cluster state recovered from the registry and the handlers that work on it. Built on the
 * loop when the master is elected, thrown away when it is deposed. Not thread-safe: owned by the master's loop.
 */
final class Term {
  final int number;
  final Cluster cluster;
  final AgentHandler agents;
  final SchedulerHandler schedulers;
  final ClusterAllocator allocator;
  final AgentHealth health;
  final AgentRecovery recovery;
  final FrameworkFailover frameworkFailover;
  final Maintenance maintenance;
  Instant nextPingAt;

  /**
   * Recovers the registry's agents (RECOVERING until they re-register), frameworks (disconnected since now), role
   * settings and drains, and opens the re-registration window.
   *
   * @param forget what to do with a framework that is torn down (remove it from the registry)
   */
  Term(int number, MasterSettings settings, FailoverSettings failover, AllocatorConfig allocatorConfig,
      RoleSettings roleSettings, Registry registry, Clock clock, TaskHistory history, Runnable allocateSoon,
      Consumer<String> forget) {
    this.number = number;
    this.cluster = new Cluster(new OfferBook(settings.masterId() + "-" + number), history::record);
    MasterContext ctx = new MasterContext(cluster, settings.masterId(), clock, settings.pingInterval(),
        settings.heartbeatInterval(), settings.defaultRefuse(), allocateSoon);
    Instant now = clock.instant();
    registry.agents().forEach(a -> cluster.recoverAgent(a.id(), a.info()));
    registry.frameworks().forEach(f -> cluster.recoverFramework(f.id(), f.info(), now));
    agents = new AgentHandler(ctx);
    health = new AgentHealth(ctx, failover.maxMissedPings());
    recovery = new AgentRecovery(ctx, health);
    schedulers = new SchedulerHandler(ctx, recovery, f -> forget.accept(f.id()));
    frameworkFailover = new FrameworkFailover(cluster, (f, why) -> schedulers.remove(f, why));
    registry.roles().forEach(r -> {
      roleSettings.weight(r.role(), r.weight());
      roleSettings.quota(r.role(), r.quota());
    });
    allocator = new ClusterAllocator(cluster, allocatorConfig, clock, roleSettings);
    maintenance = new Maintenance(ctx, allocator::draining);
    maintenance.recover(registry.drains());
    nextPingAt = now.plus(settings.pingInterval());
    recovery.start(failover.agentReregisterTimeout());
  }

  /** Checks every deadline: ping rounds, the re-registration window, frameworks' failover timeouts, drains. */
  void tick(Instant now, MasterSettings settings) {
    if (!now.isBefore(nextPingAt)) {
      nextPingAt = now.plus(settings.pingInterval());
      health.pingRound();
    }
    recovery.tick(now);
    frameworkFailover.tick(now);
    maintenance.tick(now);
  }

  /** Fails every stream of this term with {@code description} (the leader hint). */
  void failStreams(String description) {
    cluster.agentChannels().forEach(c -> c.fail(description));
    cluster.frameworkChannels().forEach(c -> c.fail(description));
  }
}
