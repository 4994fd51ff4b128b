package dev.drover.master.core;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.AgentHandler;
import dev.drover.master.agent.ReportedTask;
import dev.drover.master.framework.FrameworkCall;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.framework.SchedulerHandler;
import dev.drover.master.offer.Allocator;
import dev.drover.master.offer.Offer;
import dev.drover.master.offer.OfferBook;
import dev.drover.master.state.Cluster;
import dev.drover.master.state.MasterContext;
import dev.drover.master.state.StateSnapshot;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Resources;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
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
  private final ScheduledExecutorService loop;
  private final AtomicReference<StateSnapshot> snapshot = new AtomicReference<>(StateSnapshot.EMPTY);
  private volatile boolean leading;

  // Owned by the loop thread.
  private Cluster cluster;
  private AgentHandler agents;
  private SchedulerHandler schedulers;
  private Allocator allocator;
  private boolean allocationPending;
  private int term;

  /**
   * @param notLeaderDescription the UNAVAILABLE description for refused streams, e.g.
   *     {@code not the leader; leader=host:5051}
   */
  public MasterCore(MasterSettings settings, Clock clock, Supplier<String> notLeaderDescription) {
    this.settings = settings;
    this.clock = clock;
    this.notLeaderDescription = notLeaderDescription;
    this.loop = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "drover-master-loop");
      t.setDaemon(true);
      return t;
    });
    long alloc = settings.allocationInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> run("allocate", this::allocate), alloc, alloc, TimeUnit.MILLISECONDS);
    long hb = settings.heartbeatInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> run("heartbeat", () -> schedulers.heartbeatAll()), hb, hb,
        TimeUnit.MILLISECONDS);
    long ping = settings.pingInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> run("ping", () -> agents.pingAll()), ping, ping, TimeUnit.MILLISECONDS);
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

  /** Starts a term, unless {@code stillLeader} says leadership was lost meanwhile. */
  public void elected(BooleanSupplier stillLeader) {
    enqueue("elected", () -> {
      if (leading || !stillLeader.getAsBoolean()) {
        return;
      }
      term++;
      cluster = new Cluster(new OfferBook(settings.masterId() + "-" + term));
      MasterContext ctx = new MasterContext(cluster, settings.masterId(), clock, settings.pingInterval(),
          settings.heartbeatInterval(), settings.defaultRefuse(), this::allocateSoon);
      agents = new AgentHandler(ctx);
      schedulers = new SchedulerHandler(ctx);
      allocator = new Allocator();
      leading = true;
      LOG.info("Master {} elected leader (term {}); serving agents and frameworks", settings.masterId(), term);
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
    });
  }

  public void agentRegister(AgentChannel ch, String agentId, boolean reregister, AgentDescriptor info,
      List<ReportedTask> tasks) {
    enqueue("agent register", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
      } else {
        agents.register(ch, agentId, reregister, info, tasks);
      }
    });
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

  public void frameworkSubscribe(FrameworkChannel ch, String frameworkId, FrameworkDescriptor info,
      boolean suppressed) {
    enqueue("subscribe", () -> {
      if (!leading) {
        ch.fail(notLeaderDescription.get());
      } else {
        schedulers.subscribe(ch, frameworkId, info, suppressed);
      }
    });
  }

  public void frameworkCall(FrameworkChannel ch, String frameworkId, FrameworkCall call) {
    run("framework call", () -> schedulers.call(ch, frameworkId, call));
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
        snapshot.set(leading ? StateSnapshot.of(cluster) : StateSnapshot.EMPTY);
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Master loop stopped; dropping '{}'", what);
    }
  }

  private void allocateSoon() {
    if (!allocationPending) {
      allocationPending = true;
      run("allocate", this::allocate);
    }
  }

  private void allocate() {
    allocationPending = false;
    Map<String, List<Offer>> offers = allocator.allocate(cluster, clock.instant());
    offers.forEach((frameworkId, list) -> cluster.framework(frameworkId).ifPresent(f -> {
      f.channel().offers(list);
      for (Offer o : list) {
        LOG.info("Offered {} on agent {} ({}) to framework {} as {}", o.resources(), o.agentId(), o.hostname(),
            frameworkId, o.id());
      }
    }));
  }

  /** Waits (up to 5 s) until every command enqueued before this call has run. */
  public void drain() {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    enqueue("drain", () -> done.complete(null));
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
