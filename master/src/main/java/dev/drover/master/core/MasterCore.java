package dev.drover.master.core;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.AgentHandler;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.allocator.ClusterAllocator;
import dev.drover.master.allocator.RoleSettings;
import dev.drover.master.allocator.RolesView;
import dev.drover.master.events.EventBus;
import dev.drover.master.failover.AgentRecovery;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.failover.FrameworkFailover;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.framework.SchedulerHandler;
import dev.drover.master.health.AgentHealth;
import dev.drover.master.maintenance.DrainRecord;
import dev.drover.master.maintenance.DrainView;
import dev.drover.master.maintenance.Maintenance;
import dev.drover.master.metrics.MasterMetrics;
import dev.drover.master.offer.Offer;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.registry.InMemoryRegistryStore;
import dev.drover.master.registry.RegisteredAgent;
import dev.drover.master.registry.RegisteredFramework;
import dev.drover.master.registry.Registrar;
import dev.drover.master.registry.RegistryStore;
import dev.drover.master.registry.RoleRecord;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.StateSnapshot;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's one writer. Every public method is thread-safe and only enqueues a command on a single-thread loop;
 * the loop owns all state (agents, frameworks, tasks, offers), runs the timers (allocation, heartbeats, pings) and
 * publishes a {@link StateSnapshot} after each command. While not leading it holds no state and fails every stream
 * that tries to register with {@code UNAVAILABLE} and the leader hint.
 */
public final class MasterCore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterCore.class);

  private final MasterSettings settings;
  private final Clock clock;
  private final Supplier<String> notLeaderDescription;
  private final ScheduledThreadPoolExecutor loop;
  private long lastPublishNanos;  // owned by the loop
  private final AtomicReference<StateSnapshot> snapshot = new AtomicReference<>(StateSnapshot.EMPTY);
  private final AtomicReference<RolesView> rolesView = new AtomicReference<>(RolesView.EMPTY);
  private volatile AllocatorConfig allocatorConfig = AllocatorConfig.DEFAULTS;
  private final RoleSettings roleSettings = new RoleSettings();  // owned by the loop; outlives terms
  private volatile boolean leading;

  // Owned by the loop thread.
  private Cluster cluster;
  private AgentHandler agents;
  private SchedulerHandler schedulers;
  private ClusterAllocator allocator;
  private boolean allocationPending;
  private int term;
  private AgentHealth health;
  private AgentRecovery recovery;
  private FrameworkFailover frameworkFailover;
  private Maintenance maintenance;
  private final AtomicReference<List<DrainView>> drainViews = new AtomicReference<>(List.of());
  private Instant nextPingAt;
  private final Registrar registrar;
  private final FailoverSettings failover;
  private final MasterMetrics metrics = new MasterMetrics(this::snapshot);
  private final EventBus events;

  /**
   * @param notLeaderDescription the UNAVAILABLE description for refused streams, e.g.
   *     {@code not the leader; leader=host:5051}
   */
  public MasterCore(MasterSettings settings, Clock clock, Supplier<String> notLeaderDescription) {
    this(settings, FailoverSettings.DEFAULTS, new InMemoryRegistryStore(), clock, notLeaderDescription);
  }

  /**
   * @param failover the re-registration window, missed pings, and how often deadlines are checked
   * @param registry where admitted agents and subscribed frameworks are persisted before they are answered
   */
  public MasterCore(MasterSettings settings, FailoverSettings failover, RegistryStore registry, Clock clock,
      Supplier<String> notLeaderDescription) {
    this.failover = failover;
    this.registrar = new Registrar(registry);
    this.events = new EventBus(settings.masterId());
    this.settings = settings;
    this.clock = clock;
    this.notLeaderDescription = notLeaderDescription;
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "drover-master-loop");
      t.setDaemon(true);
      return t;
    });
    long alloc = settings.allocationInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> run("allocate", this::allocate), alloc, alloc, TimeUnit.MILLISECONDS);
    long hb = settings.heartbeatInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> run("heartbeat", () -> schedulers.heartbeatAll()), hb, hb,
        TimeUnit.MILLISECONDS);
    long tick = failover.tickInterval().toMillis();
    loop.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Checks every deadline against the clock: ping rounds (and missed pings), the re-registration window after an
   * election, frameworks' failover timeouts. Runs by itself every tick interval; tests with a manual clock call it.
   */
  public void tick() {
    run("tick", () -> {
      Instant now = clock.instant();
      if (!now.isBefore(nextPingAt)) {
        nextPingAt = now.plus(settings.pingInterval());
        health.pingRound();
      }
      recovery.tick(now);
      frameworkFailover.tick(now);
      maintenance.tick(now);
    });
  }

  /** This master's metrics (Prometheus). */
  public MasterMetrics metrics() {
    return metrics;
  }

  /** Operator events (for SSE), derived from each published snapshot. */
  public EventBus events() {
    return events;
  }

  /** Whether this master is leading and serving. */
  public boolean isLeader() {
    return leading;
  }

  public String notLeaderDescription() {
    return notLeaderDescription.get();
  }

  /** The latest published state; never null. */
  public StateSnapshot snapshot() {
    return snapshot.get();
  }

  /** Sets the allocator's knobs (minimum allocatable size, offer timeout, sorter) for terms started after this call. */
  public MasterCore allocatorConfig(AllocatorConfig config) {
    this.allocatorConfig = config;
    return this;
  }

  /** The allocator's roles (weight, quota, allocation, frameworks) as of the last command; empty while not leading. */
  public RolesView roles() {
    return rolesView.get();
  }

  /**
   * Sets role weights (others keep theirs): persisted in the registry, then applied from the next allocation cycle,
   * so they survive a change of leader. The future fails with IllegalArgumentException for a weight that is not
   * positive, and with IllegalStateException when this master does not lead or the registry write fails.
   */
  public CompletableFuture<Void> updateWeights(Map<String, Double> weights) {
    Map<String, Double> copy = Map.copyOf(weights);
    for (Map.Entry<String, Double> e : copy.entrySet()) {
      if (!(e.getValue() > 0)) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(
            "weight of role " + e.getKey() + " must be positive, not " + e.getValue()));
      }
    }
    return persistRoles("weights of " + copy.keySet(), copy.keySet(), r -> new RoleRecord(r, copy.get(r),
        roleSettings.quotas().getOrDefault(r, Resources.EMPTY)), () -> allocator.allocator().updateWeights(copy));
  }

  /** Sets (or, with {@link Resources#EMPTY}, removes) a role's quota: persisted in the registry, then applied. */
  public CompletableFuture<Void> updateQuota(String role, Resources quota) {
    return persistRoles("quota of " + role, Set.of(role),
        r -> new RoleRecord(r, roleSettings.weight(r), quota), () -> allocator.allocator().updateQuota(role, quota));
  }

  /** An operator's change of role settings: refused unless leading; persisted, then applied and published. */
  private CompletableFuture<Void> persistRoles(String what, Set<String> roles, Function<String, RoleRecord> record,
      Runnable apply) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue("update " + what, () -> {
      if (!leading) {
        done.completeExceptionally(new IllegalStateException("not the leader"));
        return;
      }
      CompletableFuture<?>[] writes = roles.stream().map(r -> registrar.putRole(record.apply(r)))
          .toArray(CompletableFuture[]::new);
      persistThenApply(what, why -> done.completeExceptionally(new IllegalStateException(why)),
          CompletableFuture.allOf(writes), () -> {
            apply.run();
            allocateSoon();
            publish();
            done.complete(null);
          });
    });
    return done;
  }

  /**
   * Runs an allocation cycle now (besides the one every allocation interval): rescinds offers past the offer timeout
   * and offers what is free. Tests with a manual clock call it.
   */
  public void allocateNow() {
    run("allocate", this::allocate);
  }

  /** Starts a term, unless {@code stillLeader} says leadership was lost meanwhile. */
  public void elected(BooleanSupplier stillLeader) {
    elected(stillLeader, () -> { });
  }

  /**
   * Starts a term once the registry is read; {@code serving} then runs off the loop (the master publishes its
   * leader record there, so nobody is sent to it before it can serve).
   */
  public void elected(BooleanSupplier stillLeader, Runnable serving) {
    if (!stillLeader.getAsBoolean()) {
      return;
    }
    registrar.load().whenComplete((registry, error) -> enqueue("elected", () -> {
      if (leading || !stillLeader.getAsBoolean()) {
        return;
      }
      if (error != null) {
        LOG.error("Master {} leads but cannot read the registry ({}); not serving, retrying in 1 s",
            settings.masterId(), error.toString());
        loop.schedule(() -> elected(stillLeader, serving), 1, TimeUnit.SECONDS);
        return;
      }
      term++;
      cluster = new Cluster(new OfferBook(settings.masterId() + "-" + term));
      MasterContext ctx = new MasterContext(cluster, settings.masterId(), clock, settings.pingInterval(),
          settings.heartbeatInterval(), settings.defaultRefuse(), this::allocateSoon);
      Instant now = clock.instant();
      registry.agents().forEach(a -> cluster.recoverAgent(a.id(), a.info()));
      registry.frameworks().forEach(f -> cluster.recoverFramework(f.id(), f.info(), now));
      agents = new AgentHandler(ctx);
      health = new AgentHealth(ctx, failover.maxMissedPings());
      recovery = new AgentRecovery(ctx, health);
      schedulers = new SchedulerHandler(ctx, recovery, f -> forgetFramework(f.id()));
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
      leading = true;
      LOG.info("Master {} elected leader (term {}); recovered {} agent(s) and {} framework(s) from the registry;"
          + " serving agents and frameworks", settings.masterId(), term, registry.agents().size(),
          registry.frameworks().size());
      CompletableFuture.runAsync(serving);
    }));
  }

  /**
   * Drains an agent this master knows: the drain is persisted in the registry, then applied (see
   * {@link Maintenance}). Fails with IllegalArgumentException naming {@code agentId} for an unknown agent, and with
   * IllegalStateException when not leading or when the registry write fails.
   */
  public CompletableFuture<DrainView> drainAgent(String agentId, Duration gracePeriod,
      boolean kill) {
    CompletableFuture<DrainView> done = new CompletableFuture<>();
    enqueue("drain " + agentId, () -> {
      if (!leading || cluster.agent(agentId).isEmpty()) {
        done.completeExceptionally(leading ? new IllegalArgumentException("agentId: unknown agent '" + agentId + "'")
            : new IllegalStateException("not the leader"));
        return;
      }
      DrainRecord record = new DrainRecord(agentId, clock.instant(), gracePeriod, kill);
      persistThenApply("drain of agent " + agentId, why -> done.completeExceptionally(new IllegalStateException(why)),
          registrar.putDrain(record), () -> {
            maintenance.apply(record);
            done.complete(maintenance.views().stream().filter(v -> v.agentId().equals(agentId)).findFirst()
                .orElseThrow());
          });
    });
    return done;
  }

  /** Ends an agent's drain (removed from the registry first). IllegalArgumentException when it is not draining. */
  public CompletableFuture<Void> undrainAgent(String agentId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue("undrain " + agentId, () -> {
      if (!leading || !maintenance.draining(agentId)) {
        done.completeExceptionally(leading ? new IllegalArgumentException("agentId: agent '" + agentId
            + "' is not draining") : new IllegalStateException("not the leader"));
        return;
      }
      persistThenApply("undrain of agent " + agentId, why -> done.completeExceptionally(
          new IllegalStateException(why)), registrar.removeDrain(agentId), () -> {
            maintenance.undrain(agentId);
            done.complete(null);
          });
    });
    return done;
  }

  /** The agents under maintenance as of the last command; empty while not leading. */
  public List<DrainView> maintenance() {
    return drainViews.get();
  }

  private void forgetFramework(String frameworkId) {
    registrar.removeFramework(frameworkId).whenComplete((ok, e) -> {
      if (e != null) {
        LOG.error("Could not remove framework {} from the registry: {}", frameworkId, e.toString());
      }
    });
  }

  /** Ends the term at once: fails every stream with the leader hint and forgets all state. */
  public void deposed(String why) {
    enqueue("deposed", () -> {
      if (!leading) {
        return;
      }
      leading = false;
      String description = notLeaderDescription.get();
      cluster.agentChannels().forEach(c -> c.fail(description));
      cluster.frameworkChannels().forEach(c -> c.fail(description));
      LOG.warn("Master {} is no longer leading ({}); closed all agent and framework streams", settings.masterId(),
          why);
      cluster = null;
      agents = null;
      schedulers = null;
      allocator = null;
      health = null;
      recovery = null;
      frameworkFailover = null;
      maintenance = null;
    });
  }

  public void agentRegister(AgentChannel ch, String agentId, boolean reregister, AgentDescriptor info,
      List<ReportedTask> tasks) {
    enqueue("agent register", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
        return;
      }
      String id = agentId == null || agentId.isBlank() ? UUID.randomUUID() + "-S0" : agentId;
      persistThenApply("agent " + id, ch::fail, registrar.putAgent(new RegisteredAgent(id, info)), () -> {
        agents.register(ch, id, reregister, info, tasks);
        recovery.reregistered(id);
      });
    });
  }

  /**
   * Once {@code write} is durable, runs {@code apply} on the loop if this term still leads; otherwise (deposed
   * meanwhile, or the write failed) fails the stream so that the peer retries.
   */
  private void persistThenApply(String what, Consumer<String> failStream,
      CompletableFuture<Void> write, Runnable apply) {
    int writtenInTerm = term;
    java.util.function.BiConsumer<Void, Throwable> then = (ok, error) -> {
      if (!leading || term != writtenInTerm) {
        failStream.accept(notLeaderDescription.get());
      } else if (error != null) {
        LOG.error("Could not persist {} in the registry; refusing it: {}", what, error.toString());
        failStream.accept("the master could not persist " + what + " in its registry; retry");
      } else {
        apply.run();
      }
    };
    if (write.isDone()) {
      write.whenComplete(then);  // already durable (or unchanged): apply in this same command
    } else {
      write.whenComplete((ok, error) -> enqueue("apply " + what, () -> then.accept(ok, error)));
    }
  }

  public void agentPong(AgentChannel ch, long sequence) {
    run("agent pong", () -> agents.pong(ch, sequence));
  }

  public void agentStatusUpdate(AgentChannel ch, String frameworkId, TaskStatus status) {
    run("status update", () -> agents.statusUpdate(ch, frameworkId, status));
  }

  public void agentResources(AgentChannel ch, Resources total) {
    run("resources update", () -> agents.resourcesUpdate(ch, total));
  }

  public void agentDisconnected(AgentChannel ch) {
    run("agent disconnected", () -> agents.disconnected(ch));
  }

  /** SUBSCRIBE; {@code suppressedRoles}: the roles the framework starts suppressed in (empty: none). */
  public void frameworkSubscribe(FrameworkChannel ch, String frameworkId, FrameworkDescriptor info,
      List<String> suppressedRoles) {
    enqueue("subscribe", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
        return;
      }
      boolean resubscribe = frameworkId != null && !frameworkId.isBlank();
      if (resubscribe && cluster.isTornDown(frameworkId)) {
        ch.error("framework " + frameworkId + " was torn down; subscribe without an id");
        return;
      }
      String id = resubscribe ? frameworkId : UUID.randomUUID() + "-F0";
      persistThenApply("framework " + id, ch::fail, registrar.putFramework(new RegisteredFramework(id, info)),
          () -> schedulers.subscribe(ch, id, info, suppressedRoles));
    });
  }

  public void frameworkCall(FrameworkChannel ch, String frameworkId, FrameworkCall call) {
    run("framework call", () -> {
      boolean bound = cluster.frameworkIdOf(ch).filter(frameworkId::equals).isPresent();
      if (call instanceof FrameworkCall.UpdateFramework u && bound) {
        persistThenApply("framework " + frameworkId, ch::fail,
            registrar.putFramework(new RegisteredFramework(frameworkId, u.info())),
            () -> schedulers.call(ch, frameworkId, call));
      } else {
        schedulers.call(ch, frameworkId, call);
      }
    });
  }

  public void frameworkDisconnected(FrameworkChannel ch) {
    run("framework disconnected", () -> schedulers.disconnected(ch));
  }

  /** Runs a command only while leading (streams of a past term were already failed). */
  private void run(String what, Runnable command) {
    enqueue(what, () -> {
      if (leading) {
        command.run();
      }
    });
  }

  private void enqueue(String what, Runnable command) {
    try {
      loop.execute(() -> {
        try {
          command.run();
        } catch (RuntimeException e) {
          LOG.error("Master command '{}' failed", what, e);
        }
        if (!anotherCommandReady() || System.nanoTime() - lastPublishNanos > PUBLISH_AT_LEAST_EVERY_NANOS) {
          publish();
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Master loop stopped; dropping '{}'", what);
    }
  }

  /**
   * Publishes what HTTP reads. Building a snapshot costs O(agents + tasks), so a burst of commands publishes once,
   * after its last command, and a loop that is never idle still publishes at least once a second.
   */
  private void publish() {
    lastPublishNanos = System.nanoTime();
    StateSnapshot before = snapshot.getAndSet(leading ? StateSnapshot.of(cluster) : StateSnapshot.EMPTY);
    events.published(before, snapshot.get());
    rolesView.set(leading && allocator != null ? allocator.allocator().roles() : RolesView.EMPTY);
    drainViews.set(leading && maintenance != null ? maintenance.views() : List.of());
  }

  private static final long PUBLISH_AT_LEAST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private boolean anotherCommandReady() {
    Runnable next = loop.getQueue().peek();
    return next instanceof Delayed d && d.getDelay(TimeUnit.NANOSECONDS) <= 0;
  }

  private void allocateSoon() {
    if (!allocationPending && leading) {
      allocationPending = true;
      run("allocate", this::allocate);
    }
  }

  private void allocate() {
    allocationPending = false;
    long started = System.nanoTime();
    Map<String, List<Offer>> offers = allocator.allocate();
    metrics.allocationCycle(Duration.ofNanos(System.nanoTime() - started));
    offers.forEach((frameworkId, list) -> cluster.framework(frameworkId).ifPresent(f -> {
      f.channel().offers(list);
      for (Offer o : list) {
        LOG.info("Offered {} on agent {} ({}) to framework {} as {}", o.resources(), o.agentId(), o.hostname(),
            frameworkId, o.id());
      }
    }));
  }

  /** Waits (up to 5 s) until every command enqueued before this call has run and their state is published. */
  public void drain() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      loop.execute(() -> {
        publish();
        done.complete(null);
      });
    } catch (RejectedExecutionException e) {
      return;
    }
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("Master loop did not drain in 5 s");
    }
  }

  /** Stops the loop. Call {@link #deposed} first to close the streams. */
  @Override
  public void close() {
    registrar.close();
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loop.shutdownNow();
    }
  }
}
