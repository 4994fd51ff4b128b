package dev.drover.master.core;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.allocator.AllocatorConfig;
import dev.drover.master.allocator.RoleSettings;
import dev.drover.master.allocator.RolesView;
import dev.drover.master.events.EventBus;
import dev.drover.master.failover.FailoverSettings;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.maintenance.DrainView;
import dev.drover.master.metrics.MasterMetrics;
import dev.drover.master.registry.FencedException;
import dev.drover.master.registry.InMemoryRegistryStore;
import dev.drover.master.registry.RegisteredAgent;
import dev.drover.master.registry.RegisteredFramework;
import dev.drover.master.registry.Registrar;
import dev.drover.master.registry.RegistryStore;
import dev.drover.master.state.StateSnapshot;
import dev.drover.master.task.TaskHistory;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's one writer. Every public method is thread-safe and only enqueues a command on a single-thread loop
 * ({@link MasterLoop}); the loop owns all state of the current {@link Term} (agents, frameworks, tasks, offers), runs
 * the timers (allocation, heartbeats, pings) and publishes a {@link StateSnapshot} after a burst of commands
 * ({@link Publisher}). While not leading it holds no state and fails every stream that tries to register with
 * {@code UNAVAILABLE} and the leader hint. Registry writes are persisted before they are applied ({@link Persister});
 * a write the registry refuses as fenced makes the master step down at once.
 */
public final class MasterCore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterCore.class);

  private final MasterSettings settings;
  private final Clock clock;
  private final Supplier<String> notLeaderDescription;
  private final MasterLoop loop;
  private final Publisher publisher;
  private final Persister persister;
  private final OperatorCommands operator;
  private final Allocations allocations;
  private final Registrar registrar;
  private final FailoverSettings failover;
  private final MasterMetrics metrics = new MasterMetrics(this::snapshot);
  private final EventBus events;
  private final TaskHistory history;
  private final RoleSettings roleSettings = new RoleSettings();  // owned by the loop; outlives terms
  private volatile AllocatorConfig allocatorConfig = AllocatorConfig.DEFAULTS;
  private volatile Consumer<FencedException> fenced = why -> { };
  private volatile boolean leading;

  // Owned by the loop thread.
  private Term term;
  private int terms;

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
    this.history = new TaskHistory(clock);
    this.settings = settings;
    this.clock = clock;
    this.notLeaderDescription = notLeaderDescription;
    this.publisher = new Publisher(events, () -> term);
    this.loop = new MasterLoop(publisher::afterCommand);
    publisher.loop(loop);
    this.allocations = new Allocations(loop, () -> term, settings.allocationInterval(), metrics);
    this.persister = new Persister(loop, () -> term, notLeaderDescription, this::stepDown);
    this.operator = new OperatorCommands(loop, () -> term, registrar, roleSettings, persister, clock, () -> {
      allocations.soon();
      publisher.publish();
    });
    loop.every("allocate", settings.allocationInterval().toMillis(), allocations::now);
    loop.every("heartbeat", settings.heartbeatInterval().toMillis(),
        whileLeading(() -> term.schedulers.heartbeatAll()));
    loop.every("tick", failover.tickInterval().toMillis(), whileLeading(() -> term.tick(clock.instant(), settings)));
  }

  /**
   * Checks every deadline against the clock: ping rounds (and missed pings), the re-registration window after an
   * election, frameworks' failover timeouts. Runs by itself every tick interval; tests with a manual clock call it.
   */
  public void tick() {
    run("tick", () -> term.tick(clock.instant(), settings));
  }

  /** This master's metrics (Prometheus). */
  public MasterMetrics metrics() {
    return metrics;
  }

  /** Operator events (for SSE), derived from each published snapshot. */
  public EventBus events() {
    return events;
  }

  /** The states each task passed through since this master first led (bounded; see {@link TaskHistory}). */
  public TaskHistory taskHistory() {
    return history;
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
    return publisher.snapshot();
  }

  /** Sets the allocator's knobs (minimum allocatable size, offer timeout, sorter) for terms started after this call. */
  public MasterCore allocatorConfig(AllocatorConfig config) {
    this.allocatorConfig = config;
    return this;
  }

  /**
   * Who to tell when the registry refuses a write as fenced (this master's leadership is gone although it still
   * acted as leader): the master has already stepped down; the listener typically rejoins the election.
   */
  public MasterCore onFenced(Consumer<FencedException> listener) {
    this.fenced = listener;
    return this;
  }

  /** The allocator's roles (weight, quota, allocation, frameworks) as of the last command; empty while not leading. */
  public RolesView roles() {
    return publisher.roles();
  }

  /**
   * Sets role weights (others keep theirs): persisted in the registry, then applied from the next allocation cycle,
   * so they survive a change of leader. The future fails with IllegalArgumentException for a weight that is not
   * positive, and with IllegalStateException when this master does not lead or the registry write fails.
   */
  public CompletableFuture<Void> updateWeights(Map<String, Double> weights) {
    return operator.updateWeights(weights);
  }

  /** Sets (or, with {@link Resources#EMPTY}, removes) a role's quota: persisted in the registry, then applied. */
  public CompletableFuture<Void> updateQuota(String role, Resources quota) {
    return operator.updateQuota(role, quota);
  }

  /**
   * Drains an agent this master knows: the drain is persisted in the registry, then applied (see
   * {@link dev.drover.master.maintenance.Maintenance}). Fails with IllegalArgumentException naming {@code agentId}
   * for an unknown agent, and with IllegalStateException when not leading or when the registry write fails.
   */
  public CompletableFuture<DrainView> drainAgent(String agentId, Duration gracePeriod, boolean kill) {
    return operator.drainAgent(agentId, gracePeriod, kill);
  }

  /** Ends an agent's drain (removed from the registry first). IllegalArgumentException when it is not draining. */
  public CompletableFuture<Void> undrainAgent(String agentId) {
    return operator.undrainAgent(agentId);
  }

  /** The agents under maintenance as of the last command; empty while not leading. */
  public List<DrainView> maintenance() {
    return publisher.drains();
  }

  /**
   * Runs an allocation cycle now (besides the one every allocation interval): rescinds offers past the offer timeout
   * and offers what is free. Tests with a manual clock call it.
   */
  public void allocateNow() {
    loop.enqueue("allocate", allocations::now);
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
    registrar.load().whenComplete((registry, error) -> loop.enqueue("elected", () -> {
      if (leading || !stillLeader.getAsBoolean()) {
        return;
      }
      if (error != null) {
        LOG.error("Master {} leads but cannot read the registry ({}); not serving, retrying in 1 s",
            settings.masterId(), error.toString());
        loop.schedule("elected", TimeUnit.SECONDS.toMillis(1), () -> elected(stillLeader, serving));
        return;
      }
      allocations.reset();
      term = new Term(++terms, settings, failover, allocatorConfig, roleSettings, registry, clock, history,
          allocations::soon, this::forgetFramework);
      leading = true;
      LOG.info("Master {} elected leader (term {}); recovered {} agent(s) and {} framework(s) from the registry;"
          + " serving agents and frameworks", settings.masterId(), term.number, registry.agents().size(),
          registry.frameworks().size());
      CompletableFuture.runAsync(serving);
    }));
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
    loop.enqueue("deposed", () -> endTerm(why));
  }

  private void endTerm(String why) {
    if (!leading) {
      return;
    }
    leading = false;
    term.failStreams(notLeaderDescription.get());
    term = null;
    LOG.warn("Master {} is no longer leading ({}); closed all agent and framework streams", settings.masterId(),
        why);
  }

  /** On the loop: the registry's fence refused a write of the current term, so this master no longer leads. */
  private void stepDown(Term fencedTerm, FencedException why) {
    if (term == fencedTerm) {
      endTerm("fenced: " + why.getMessage());
      fenced.accept(why);
    }
  }

  public void agentRegister(AgentChannel ch, String agentId, boolean reregister, AgentDescriptor info,
      List<ReportedTask> tasks) {
    loop.enqueue("agent register", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
        return;
      }
      String id = agentId == null || agentId.isBlank() ? UUID.randomUUID() + "-S0" : agentId;
      persister.then("agent " + id, ch::fail, registrar.putAgent(new RegisteredAgent(id, info)), () -> {
        term.agents.register(ch, id, reregister, info, tasks);
        term.recovery.reregistered(id);
      });
    });
  }

  public void agentPong(AgentChannel ch, long sequence) {
    run("agent pong", () -> term.agents.pong(ch, sequence));
  }

  public void agentStatusUpdate(AgentChannel ch, String frameworkId, TaskStatus status) {
    run("status update", () -> term.agents.statusUpdate(ch, frameworkId, status));
  }

  public void agentResources(AgentChannel ch, Resources total) {
    run("resources update", () -> term.agents.resourcesUpdate(ch, total));
  }

  public void agentDisconnected(AgentChannel ch) {
    run("agent disconnected", () -> term.agents.disconnected(ch));
  }

  /** SUBSCRIBE; {@code suppressedRoles}: the roles the framework starts suppressed in (empty: none). */
  public void frameworkSubscribe(FrameworkChannel ch, String frameworkId, FrameworkDescriptor info,
      List<String> suppressedRoles) {
    loop.enqueue("subscribe", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
        return;
      }
      boolean resubscribe = frameworkId != null && !frameworkId.isBlank();
      if (resubscribe && term.cluster.isTornDown(frameworkId)) {
        ch.error("framework " + frameworkId + " was torn down; subscribe without an id");
        return;
      }
      String id = resubscribe ? frameworkId : UUID.randomUUID() + "-F0";
      persister.then("framework " + id, ch::fail, registrar.putFramework(new RegisteredFramework(id, info)),
          () -> term.schedulers.subscribe(ch, id, info, suppressedRoles));
    });
  }

  public void frameworkCall(FrameworkChannel ch, String frameworkId, FrameworkCall call) {
    run("framework call", () -> {
      boolean bound = term.cluster.frameworkIdOf(ch).filter(frameworkId::equals).isPresent();
      if (call instanceof FrameworkCall.UpdateFramework u && bound) {
        persister.then("framework " + frameworkId, ch::fail,
            registrar.putFramework(new RegisteredFramework(frameworkId, u.info())),
            () -> term.schedulers.call(ch, frameworkId, call));
      } else {
        term.schedulers.call(ch, frameworkId, call);
      }
    });
  }

  public void frameworkDisconnected(FrameworkChannel ch) {
    run("framework disconnected", () -> term.schedulers.disconnected(ch));
  }

  /** Runs a command only while leading (streams of a past term were already failed). */
  private void run(String what, Runnable command) {
    loop.enqueue(what, whileLeading(command));
  }

  private Runnable whileLeading(Runnable command) {
    return () -> {
      if (leading) {
        command.run();
      }
    };
  }

  /** Waits (up to 5 s) until every command enqueued before this call has run and their state is published. */
  public void drain() {
    loop.drain(publisher::publish);
  }

  /** Stops the loop. Call {@link #deposed} first to close the streams. */
  @Override
  public void close() {
    registrar.close();
    loop.close();
  }
}
