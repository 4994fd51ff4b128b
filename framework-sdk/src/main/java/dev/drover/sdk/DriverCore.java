package dev.drover.sdk;

import dev.drover.model.TaskState;
import dev.drover.sdk.rpc.CallProtos;
import dev.drover.sdk.rpc.EventProtos;
import dev.drover.sdk.rpc.MasterEvent;
import dev.drover.sdk.rpc.MasterStream;
import dev.drover.sdk.rpc.OutboundCall;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's state machine. Every field not marked volatile is owned by the one loop thread, which also runs the
 * scheduler's callbacks; gRPC, ZooKeeper and the author's threads only {@link #post} work to it.
 */
final class DriverCore {
  private static final Logger LOG = LoggerFactory.getLogger(DriverCore.class);
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  private static final String INVALID_OFFERS = "REASON_INVALID_OFFERS";

  private final SchedulerDriver driver;
  private final Scheduler scheduler;
  private final FrameworkConfig config;
  private final LeaderSource leaders;
  private final boolean implicitAcks;
  private final Duration subscribeTimeout;
  private final ScheduledExecutorService loop;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private volatile String frameworkId;
  private volatile boolean subscribed;

  private boolean stopped;
  private boolean tearingDown;
  private boolean everRegistered;
  private boolean owesDisconnected;
  private long generation;
  private MasterStream stream;
  private String streamTarget;
  private ManagedChannel channel;
  private io.grpc.ChannelCredentials credentials = io.grpc.InsecureChannelCredentials.create();
  private String channelTarget;
  private Duration heartbeat = EventProtos.DEFAULT_HEARTBEAT;
  private Duration backoff = MIN_BACKOFF;
  private ScheduledFuture<?> reconnect;
  private ScheduledFuture<?> watchdog;
  private Optional<String> hint = Optional.empty();
  private boolean suppressed;
  private final OfferBook offers = new OfferBook();
  private final Deque<OutboundCall> pending = new ArrayDeque<>();

  DriverCore(SchedulerDriver driver, Scheduler scheduler, FrameworkConfig config, LeaderSource leaders,
      Optional<String> frameworkId, boolean implicitAcks, Duration subscribeTimeout,
      ScheduledExecutorService loop) {
    this.driver = driver;
    this.scheduler = scheduler;
    this.config = config;
    this.leaders = leaders;
    this.frameworkId = frameworkId.orElse(null);
    this.implicitAcks = implicitAcks;
    this.subscribeTimeout = subscribeTimeout;
    this.loop = loop;
  }

  /** How channels to masters are dialled; set before {@link #start}. */
  void channelCredentials(io.grpc.ChannelCredentials credentials) {
    this.credentials = credentials;
  }

  Optional<String> frameworkId() {
    return Optional.ofNullable(frameworkId);
  }

  boolean isSubscribed() {
    return subscribed;
  }

  CompletableFuture<Void> terminated() {
    return terminated;
  }

  void start() {
    leaders.start(leader -> post(() -> onLeaderChanged(leader)));
    post(this::connect);
    post(this::checkLiveness);
  }

  /** Runs {@code work} on the loop thread, unless the driver has stopped. Any thread. */
  void post(Runnable work) {
    try {
      loop.execute(() -> guarded(work));
    } catch (RejectedExecutionException e) {
      LOG.debug("Driver of {} has terminated; ignoring a call", config.name());
    }
  }

  private void guarded(Runnable work) {
    if (stopped) {
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.error("Driver of {} failed a step", config.name(), e);
    }
  }

  // --- connection -------------------------------------------------------------------------------------------------

  private void connect() {
    reconnect = null;
    if (stream != null || stopped) {
      return;
    }
    Optional<String> target = leaders.target(hint);
    hint = Optional.empty();
    if (target.isEmpty()) {
      LOG.info("No leading master known for {}; retrying", config.name());
      scheduleReconnect();
      return;
    }
    try {
      if (!target.get().equals(channelTarget)) {
        closeChannel();
        channel = MasterStream.channel(target.get(), credentials);
        channelTarget = target.get();
      }
      long gen = ++generation;
      List<String> suppressedRoles = suppressed ? config.roles() : List.of();
      stream = MasterStream.open(channel, CallProtos.subscribe(config, frameworkId(), suppressedRoles),
          event -> post(() -> handle(gen, event)),
          (reason, leaderHint) -> post(() -> closed(gen, reason, leaderHint)));
      streamTarget = target.get();
      LOG.info("Subscribing {} to master {} (framework id {})", config.name(), streamTarget, frameworkId);
    } catch (RuntimeException e) {
      LOG.warn("Cannot open a stream to {}: {}", target.get(), e.toString());
      stream = null;
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (reconnect != null || stopped) {
      return;
    }
    Duration delay = backoff;
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    reconnect = loop.schedule(() -> guarded(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void closed(long gen, String reason, Optional<String> leaderHint) {
    if (gen != generation || stream == null) {
      return;
    }
    LOG.info("Stream of {} to {} ended: {}", config.name(), streamTarget, reason);
    hint = leaderHint;
    lose(reason);
  }

  /** Drops the current stream, tells the scheduler once, and reconnects with backoff. */
  private void lose(String reason) {
    if (stream != null) {
      stream.cancel(reason);
      stream = null;
    }
    subscribed = false;
    offers.clear();
    if (owesDisconnected) {
      owesDisconnected = false;
      callback("disconnected", s -> s.disconnected(driver));
    }
    scheduleReconnect();
  }

  private void onLeaderChanged(Optional<String> leader) {
    if (leader.isEmpty()) {
      return;
    }
    LOG.info("Leading master for {} is now {}", config.name(), leader.get());
    if (stream != null && !leader.get().equals(streamTarget)) {
      lose("leader changed to " + leader.get());
    }
    if (stream == null && reconnect != null) {
      reconnect.cancel(false);
      connect();
    }
  }

  /** Treats a stream with no event for 3 heartbeats (or no SUBSCRIBED within the timeout) as dead. */
  private void checkLiveness() {
    if (stream != null) {
      Duration limit = subscribed ? heartbeat.multipliedBy(3) : subscribeTimeout;
      long silentNanos = System.nanoTime() - stream.lastEventNanos();
      if (silentNanos > limit.toNanos()) {
        LOG.warn("No event from master {} for {} ms; reconnecting", streamTarget, silentNanos / 1_000_000);
        lose("no event for " + limit);
      }
    }
    long period = Math.max(10, Math.min(1000, heartbeat.toMillis() / 4));
    watchdog = loop.schedule(() -> guarded(this::checkLiveness), period, TimeUnit.MILLISECONDS);
  }

  // --- events -----------------------------------------------------------------------------------------------------

  private void handle(long gen, MasterEvent event) {
    if (gen != generation || stream == null) {
      return;
    }
    if (event instanceof MasterEvent.Subscribed s) {
      subscribed(s);
    } else if (event instanceof MasterEvent.Offers o) {
      offers.add(o.offers());
      callback("resourceOffers", sc -> sc.resourceOffers(driver, o.offers()));
    } else if (event instanceof MasterEvent.Rescind r) {
      offers.remove(r.offerId());
      callback("offerRescinded", sc -> sc.offerRescinded(driver, r.offerId()));
    } else if (event instanceof MasterEvent.Update u) {
      TaskStatus status = u.status();
      if (callback("statusUpdate", sc -> sc.statusUpdate(driver, status)) && implicitAcks
          && status.needsAcknowledgement() && subscribed) {
        send(new OutboundCall.Acknowledge(status.agentId(), status.taskId(), status.uuid()));
      }
    } else if (event instanceof MasterEvent.AgentLost a) {
      callback("agentLost", sc -> sc.agentLost(driver, a.agentId()));
    } else if (event instanceof MasterEvent.Error e) {
      LOG.warn("Master reported an error to {}: {}", config.name(), e.message());
      callback("error", sc -> sc.error(driver, e.message()));
      if (FrameworkRemovedException.isRemoval(e.message())) {
        finish(new FrameworkRemovedException(e.message()));
      }
    }
  }

  private void subscribed(MasterEvent.Subscribed s) {
    if (!s.frameworkId().isEmpty()) {
      frameworkId = s.frameworkId();
    }
    subscribed = true;
    heartbeat = s.heartbeatInterval();
    backoff = MIN_BACKOFF;
    LOG.info("{} subscribed to master {} as framework {}", config.name(), s.masterId(), frameworkId);
    while (!pending.isEmpty()) {
      OutboundCall call = pending.poll();
      send(call);
      if (call instanceof OutboundCall.Teardown) {
        finish(null);
        return;
      }
    }
    owesDisconnected = true;
    if (everRegistered) {
      callback("reregistered", sc -> sc.reregistered(driver, s.masterId()));
    } else {
      everRegistered = true;
      callback("registered", sc -> sc.registered(driver, frameworkId, s.masterId()));
    }
  }

  private boolean callback(String name, Consumer<Scheduler> call) {
    if (stopped || tearingDown) {
      return false;
    }
    try {
      call.accept(scheduler);
      return true;
    } catch (RuntimeException e) {
      LOG.error("Scheduler.{} of {} threw", name, config.name(), e);
      return false;
    }
  }

  // --- calls (loop thread) ----------------------------------------------------------------------------------------

  private void send(OutboundCall call) {
    stream.send(CallProtos.toProto(call, frameworkId));
  }

  private void sendOrQueue(OutboundCall call) {
    if (subscribed) {
      send(call);
    } else {
      pending.add(call);
    }
  }

  void launch(List<String> offerIds, List<TaskSpec> tasks) {
    StringBuilder problem = new StringBuilder(subscribed ? "" : "the driver is disconnected; offers are void");
    Optional<String> agentId = subscribed ? offers.take(offerIds, problem) : Optional.empty();
    if (agentId.isEmpty()) {
      LOG.warn("Dropping launch of {} task(s) for {}: {}", tasks.size(), config.name(), problem);
      for (TaskSpec t : tasks) {
        TaskStatus dropped = TaskStatus.of(t.taskId(), TaskState.DROPPED, INVALID_OFFERS, problem.toString(),
            t.agentId().orElse(""));
        callback("statusUpdate", sc -> sc.statusUpdate(driver, dropped));
      }
      return;
    }
    List<TaskSpec> resolved = tasks.stream()
        .map(t -> t.agentId().isPresent() ? t : t.toBuilder().agentId(agentId.get()).build())
        .toList();
    send(new OutboundCall.Launch(offerIds, resolved));
  }

  void decline(String offerId, Duration refuse) {
    if (subscribed && offers.remove(offerId)) {
      send(new OutboundCall.Decline(List.of(offerId), refuse));
    } else {
      LOG.debug("Not declining offer {}: not outstanding", offerId);
    }
  }

  void kill(String taskId, Optional<String> agentId) {
    sendOrQueue(new OutboundCall.Kill(taskId, agentId));
  }

  void acknowledge(TaskStatus status) {
    if (!implicitAcks && status.needsAcknowledgement()) {
      sendOrQueue(new OutboundCall.Acknowledge(status.agentId(), status.taskId(), status.uuid()));
    }
  }

  void reconcile(Collection<TaskRef> tasks) {
    sendOrQueue(new OutboundCall.Reconcile(List.copyOf(tasks)));
  }

  void revive() {
    suppressed = false;
    if (subscribed) {
      send(new OutboundCall.Revive(List.of()));
    }
  }

  void suppress() {
    suppressed = true;
    if (subscribed) {
      send(new OutboundCall.Suppress(List.of()));
    }
  }

  void stop(boolean failover) {
    if (failover || frameworkId == null) {
      finish(null);
    } else if (subscribed) {
      send(new OutboundCall.Teardown());
      finish(null);
    } else {
      LOG.info("Teardown of {} requested while disconnected; sending it after re-subscribing", config.name());
      tearingDown = true;
      pending.add(new OutboundCall.Teardown());
    }
  }

  /** Ends everything; {@code cause} null means a normal stop. Loop thread. */
  private void finish(Throwable cause) {
    if (stopped) {
      return;
    }
    stopped = true;
    subscribed = false;
    pending.clear();
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    if (stream != null) {
      stream.complete();
      stream = null;
    }
    closeChannel();
    try {
      leaders.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing leader detection failed", e);
    }
    loop.shutdown();
    LOG.info("Driver of {} stopped{}", config.name(), cause == null ? "" : ": " + cause.getMessage());
    if (cause == null) {
      terminated.complete(null);
    } else {
      terminated.completeExceptionally(cause);
    }
  }

  private void closeChannel() {
    if (channel != null) {
      MasterStream.shutdown(channel);
      channel = null;
      channelTarget = null;
    }
  }
}
