package dev.drover.apps.engine.core;

import dev.drover.apps.engine.AppCounts;
import dev.drover.apps.engine.AppsEngine;
import dev.drover.apps.engine.DeploymentRef;
import dev.drover.apps.engine.DeploymentRequest;
import dev.drover.apps.engine.DeploymentView;
import dev.drover.apps.engine.EngineEvent;
import dev.drover.apps.engine.EngineException;
import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.InstanceView;
import dev.drover.apps.engine.KillRequest;
import dev.drover.apps.engine.KillResult;
import dev.drover.apps.engine.QueueEntry;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.TaskFailureView;
import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.StateStore;
import dev.drover.sdk.toolkit.TaskReconciler;
import dev.drover.sdk.toolkit.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: an {@link AppsEngine} for the REST layer and the {@link Scheduler} a driver calls. One
 * {@link SerialLoop} owns all state; facade calls and driver callbacks only enqueue commands to it (STYLE 3), and
 * readers see the {@link Snapshot} it publishes after each burst.
 *
 * <p>Lifecycle: {@link #create}, {@link #attach} the driver (before it starts), {@link #start} (loads the persisted
 * state on the loop and starts the periodic round), then start the driver. On (re)subscription the engine reconciles
 * its known tasks with the master (explicit, then implicit: SDK {@link TaskReconciler}); it never restarts a task it
 * knows, and kills tasks it does not know. Status updates are acknowledged only after they were persisted: build the
 * driver with explicit acknowledgements.
 */
public final class Engine implements AppsEngine, Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineState state;
  private final SerialLoop loop;
  private final Timer timer;
  private final DeploymentOps deployments;
  private final Reconciliation reconciliation;
  private final OfferHandling offers;
  private final StatusHandling statuses;
  private final KillOps kills;
  private final SnapshotBuilder snapshots;
  private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> pendingRound = new LinkedHashSet<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private volatile boolean connected;
  private volatile String frameworkId;
  private volatile boolean closed;
  private boolean roundScheduled;
  private boolean fullRoundPending;
  private volatile Timer.Cancellable tick;
  private TaskReconciler taskReconciler;
  private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.ExecutorService writers = WriterPool.create();
  private final Set<CompletableFuture<?>> pendingCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Engine(StateStore store, Timer timer, EngineOptions options, Executor executor, Supplier<String> uuids) {
    this.timer = timer;
    this.state = new EngineState(new EngineStore(store), timer, options, uuids, this::emit);
    this.loop = new SerialLoop(executor, this::endOfBurst);
    this.deployments = new DeploymentOps(state);
    this.reconciliation = new Reconciliation(state, deployments);
    this.offers = new OfferHandling(state, reconciliation);
    this.statuses = new StatusHandling(state, deployments);
    this.kills = new KillOps(state, reconciliation, deployments);
    this.snapshots = new SnapshotBuilder(state);
  }

  /**
   * An engine over {@code store}, timed by {@code timer}, running its loop on {@code executor} (a single thread, or a
   * direct executor in tests), with unique ids from {@code uuids}.
   */
  public static Engine create(StateStore store, Timer timer, EngineOptions options, Executor executor,
      Supplier<String> uuids) {
    return new Engine(store, timer, options, executor, uuids);
  }

  /** An engine with random UUIDs. */
  public static Engine create(StateStore store, Timer timer, EngineOptions options, Executor executor) {
    return create(store, timer, options, executor, () -> UUID.randomUUID().toString());
  }

  /** Gives the engine the driver it calls. Call once, before {@link #start} and before the driver starts. */
  public void attach(SchedulerDriver driver) {
    state.driver = new DeferringDriver(driver, state);
    taskReconciler = TaskReconciler.withDefaults(driver, () -> snapshot.known(), timer);
  }

  /** Loads the persisted state (on the loop) and starts the periodic round. */
  public void start() {
    if (state.driver == null) {
      throw new IllegalStateException("attach a driver first");
    }
    loop.submit(() -> {
      state.load();
      LOG.info("Engine loaded {} apps, {} instances, {} deployments", state.apps.size(), state.instances.size(),
          state.deployments.size());
      scheduleTick();
    });
  }

  // ---- AppsEngine: writes ----

  @Override
  public CompletableFuture<DeploymentRef> deploy(DeploymentRequest request) {
    return call(() -> {
      DeploymentRef ref = deployments.deploy(request);
      roundAll();
      return ref;
    });
  }

  @Override
  public CompletableFuture<DeploymentRef> rollback(String deploymentId, boolean force) {
    return call(() -> {
      DeploymentRef ref = deployments.rollback(deploymentId, force);
      roundAll();
      return ref;
    });
  }

  @Override
  public CompletableFuture<Boolean> resetDelay(String appId) {
    return call(() -> {
      if (!state.apps.containsKey(appId)) {
        return false;
      }
      state.delays.remove(appId);
      state.dirty.add(appId);
      roundSoon(List.of(appId));
      return true;
    });
  }

  @Override
  public CompletableFuture<KillResult> kill(KillRequest request) {
    return call(() -> {
      KillResult r = kills.kill(request, deployments.version());
      roundAll();
      return r;
    });
  }

  @Override
  public AutoCloseable subscribe(Consumer<EngineEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  // ---- AppsEngine: reads ----

  @Override
  public List<DeploymentView> deployments() {
    return snapshot.deployments();
  }

  @Override
  public Map<String, RunSpec> apps() {
    return snapshot.apps();
  }

  @Override
  public List<InstanceView> instances(String appId) {
    return snapshot.instances().getOrDefault(appId, List.of());
  }

  @Override
  public Map<String, List<InstanceView>> instances() {
    return snapshot.instances();
  }

  @Override
  public Map<String, AppCounts> counts() {
    return snapshot.counts();
  }

  @Override
  public Map<String, TaskFailureView> lastTaskFailures() {
    return snapshot.failures();
  }

  @Override
  public List<QueueEntry> queue() {
    return snapshot.queue();
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public Optional<String> frameworkId() {
    return Optional.ofNullable(frameworkId);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Timer.Cancellable t = tick;
    if (t != null) {
      t.cancel();
    }
    loop.close();
    List.copyOf(pendingCalls).forEach(f -> f.completeExceptionally(
        new EngineException("the engine is stopped (this instance no longer leads)")));
    if (taskReconciler != null) {
      taskReconciler.disconnected();
    }
    if (state.driver != null) {
      state.driver.stop(true);
    }
    writers.shutdown();
    onClose.forEach(Runnable::run);
  }

  /** Runs {@code hook} at the end of {@link #close} (after the driver stopped with failover). */
  public void onClose(Runnable hook) {
    onClose.add(hook);
  }

  // ---- Scheduler ----

  @Override
  public void registered(SchedulerDriver driver, String frameworkId, String masterId) {
    this.frameworkId = frameworkId;
    subscribed(EventTypes.SCHEDULER_REGISTERED, masterId);
  }

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    subscribed(EventTypes.SCHEDULER_REREGISTERED, masterId);
  }

  private void subscribed(String type, String masterId) {
    connected = true;
    loop.submit(() -> {
      emit(Events.simple(type, timer.now(), Map.of("masterId", masterId)));
      // an effect: it runs after this burst's snapshot, so the reconciler sees the loaded tasks
      state.act(taskReconciler::subscribed);
      state.driver.revive();
      roundAll();
    });
  }

  @Override
  public void disconnected(SchedulerDriver driver) {
    connected = false;
    taskReconciler.disconnected();
    loop.submit(() -> emit(Events.simple(EventTypes.SCHEDULER_DISCONNECTED, timer.now(), Map.of())));
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    List<Offer> batch = List.copyOf(offers);
    loop.submit(() -> this.offers.offers(batch));
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    taskReconciler.statusUpdate(status);
    loop.submit(() -> {
      statuses.status(status).ifPresent(app -> roundSoon(List.of(app)));
      state.driver.acknowledge(status);
    });
  }

  @Override
  public void agentLost(SchedulerDriver driver, String agentId) {
    loop.submit(() -> {
      state.agents.remove(agentId);
      roundSoon(state.apps.keySet().stream().filter(id -> state.apps.get(id).spec().isGlobal()).toList());
    });
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    LOG.warn("Master reported an error: {}", message);
  }

  // ---- loop helpers ----

  /**
   * Runs {@code command} on the loop. A call the engine can no longer carry out (closed, e.g. on losing leadership)
   * fails with an {@link EngineException} instead of never completing.
   */
  private <T> CompletableFuture<T> call(Supplier<T> command) {
    CompletableFuture<T> f = new CompletableFuture<>();
    pendingCalls.add(f);
    f.whenComplete((v, e) -> pendingCalls.remove(f));
    boolean queued = !closed && loop.submit(() -> {
      try {
        T value = command.get();
        state.act(() -> f.complete(value));  // answered once the change is persisted
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    if (!queued || closed) {
      f.completeExceptionally(new EngineException("the engine is stopped (this instance no longer leads)"));
    }
    return f;
  }

  private void roundAll() {
    fullRoundPending = true;
    scheduleRound();
  }

  private void roundSoon(Collection<String> apps) {
    pendingRound.addAll(apps);
    scheduleRound();
  }

  private void scheduleRound() {
    if (roundScheduled) {
      return;
    }
    roundScheduled = true;
    loop.submit(() -> {
      roundScheduled = false;
      List<String> apps = fullRoundPending ? null : new ArrayList<>(pendingRound);
      fullRoundPending = false;
      pendingRound.clear();
      reconciliation.run(apps);
      reviveOrSuppress();
    });
  }

  private boolean suppressed;
  private boolean launchesWanted;

  /**
   * Offers are revived when apps start waiting for launches (clearing the filters of earlier declines, so a
   * replacement does not wait for them) and suppressed while nothing waits, unless a global app needs offers to
   * notice new agents.
   */
  private void reviveOrSuppress() {
    boolean launches = !state.waiting.isEmpty();
    boolean global = state.apps.values().stream().anyMatch(a -> a.spec().isGlobal());
    if ((launches && !launchesWanted) || (global && suppressed)) {
      state.driver.revive();
      suppressed = false;
    } else if (!launches && !global && !suppressed) {
      state.driver.suppress();
      suppressed = true;
    }
    launchesWanted = launches;
  }

  private void scheduleTick() {
    if (closed) {
      return;
    }
    tick = timer.schedule(state.options.tick(), () -> loop.submit(() -> {
      reconciliation.run(null);
      reviveOrSuppress();
      state.dirty.addAll(state.waiting.keySet());
      scheduleTick();
    }));
  }

  /** The end of a burst of commands: persist its writes, publish the snapshot, then act (driver calls, answers). */
  private void endOfBurst() {
    long start = System.nanoTime();
    int writes;
    try {
      writes = state.persist(writers);
    } catch (RuntimeException e) {
      LOG.error("Persisting the engine's state failed; nothing of this burst is acted on", e);
      List.copyOf(pendingCalls).forEach(f -> f.completeExceptionally(
          new EngineException("the engine's state could not be persisted: " + e.getMessage(), e)));
      return;
    }
    long persisted = System.nanoTime();
    snapshot = snapshots.build(snapshot);
    long built = System.nanoTime();
    state.runEffects();
    if (writes > 0 && LOG.isDebugEnabled()) {
      LOG.debug("Burst: {} writes persisted in {} ms, snapshot {} ms, effects {} ms", writes,
          (persisted - start) / 1_000_000, (built - persisted) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
    }
  }

  private void emit(EngineEvent e) {
    for (Consumer<EngineEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        LOG.warn("Event listener failed", ex);
      }
    }
  }
}
