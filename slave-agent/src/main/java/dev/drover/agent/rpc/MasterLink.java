package dev.drover.agent.rpc;

import dev.drover.agent.Scheduler;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.zk.LeaderInfo;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one stream to the leading master. It follows the leader record: on a new leader it drops the old
 * stream and dials the new one; when a stream fails (including UNAVAILABLE "not the leader") it dials the current
 * leader again after a backoff ({@code initialBackoff} doubling to {@code maxBackoff}, reset once registered). Each
 * stream starts with {@code registration}'s message. It answers PING with PONG itself, and gives a stream up when
 * nothing arrives from the master for {@code maxMissedPings} ping intervals.
 *
 * <p>Not thread-safe: call it only from the agent loop. gRPC callbacks are moved onto the loop, tagged with the
 * stream's generation so that late callbacks of a dropped stream are ignored.
 */
public final class MasterLink {
  private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
  private static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);

  /** What the agent does with the link's events; called on the loop. */
  public interface Handler {
    /** The first message of a new stream (REGISTER or REREGISTER). */
    AgentMessage registration();

    void onMessage(MasterMessage message);

    /** The stream is gone; messages are no longer delivered until the next registration. */
    void onDisconnected();
  }

  private final Scheduler loop;
  private final Clock clock;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int maxMissedPings;
  private final Handler handler;

  private LeaderInfo leader;
  private final io.grpc.ChannelCredentials credentials;
  private ManagedChannel channel;
  private String channelTarget;
  private StreamObserver<AgentMessage> requests;
  private int generation;
  private boolean closed;
  private Duration backoff;
  private Duration pingInterval = DEFAULT_PING_INTERVAL;
  private Instant lastHeard;
  private Scheduler.Cancellable reconnectTimer;
  private Scheduler.Cancellable watchdog;

  public MasterLink(Scheduler loop, Clock clock, Duration initialBackoff, Duration maxBackoff, int maxMissedPings,
      Handler handler) {
    this(loop, clock, initialBackoff, maxBackoff, maxMissedPings, handler, InsecureChannelCredentials.create());
  }

  /** As above, dialling with {@code credentials} (TLS and the agent's token: docs/security.md). */
  public MasterLink(Scheduler loop, Clock clock, Duration initialBackoff, Duration maxBackoff, int maxMissedPings,
      Handler handler, io.grpc.ChannelCredentials credentials) {
    this.credentials = credentials;
    this.loop = loop;
    this.clock = clock;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxMissedPings = maxMissedPings;
    this.handler = handler;
    this.backoff = initialBackoff;
  }

  /** The leader record changed (empty: there is none). */
  public void leaderChanged(Optional<LeaderInfo> next) {
    if (closed || java.util.Objects.equals(leader, next.orElse(null))) {
      return;
    }
    leader = next.orElse(null);
    dropStream("leader changed");
    backoff = initialBackoff;
    if (leader == null) {
      LOG.info("No leading master in ZooKeeper; waiting for one");
      return;
    }
    LOG.info("Leading master is {} at {}; connecting", leader.id(), leader.grpcTarget());
    connect();
  }

  /** Sends {@code message} on the open stream; dropped (and logged) when there is none. */
  public void send(AgentMessage message) {
    if (requests == null) {
      LOG.debug("Not connected; dropping {}", message.getType());
      return;
    }
    requests.onNext(message);
  }

  public boolean streamOpen() {
    return requests != null;
  }

  public Optional<LeaderInfo> leader() {
    return Optional.ofNullable(leader);
  }

  /** The interval the master announced in REGISTERED. */
  public void pingInterval(Duration interval) {
    if (!interval.isZero() && !interval.isNegative() && !interval.equals(pingInterval)) {
      pingInterval = interval;
      if (requests != null) {
        armWatchdog(generation);
      }
    }
  }

  /** The agent registered: the next failure starts backing off from the beginning. */
  public void registered() {
    backoff = initialBackoff;
  }

  public void close() {
    closed = true;
    cancel(reconnectTimer);
    dropStream("agent closing");
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  private void connect() {
    cancel(reconnectTimer);
    reconnectTimer = null;
    if (closed || leader == null) {
      return;
    }
    String target = leader.grpcTarget();
    if (channel == null || !target.equals(channelTarget)) {
      if (channel != null) {
        channel.shutdownNow();
      }
      channel = Grpc.newChannelBuilder(target, credentials).build();
      channelTarget = target;
    }
    int gen = ++generation;
    lastHeard = clock.instant();
    requests = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
      @Override
      public void onNext(MasterMessage m) {
        loop.execute(() -> received(gen, m));
      }

      @Override
      public void onError(Throwable t) {
        loop.execute(() -> ended(gen, Status.fromThrowable(t)));
      }

      @Override
      public void onCompleted() {
        loop.execute(() -> ended(gen, Status.UNAVAILABLE.withDescription("master closed the stream")));
      }
    });
    AgentMessage first = handler.registration();
    LOG.info("Opened stream to master at {}; sending {}{} with {} task(s)", target, first.getType(),
        first.getRegister().getAgentInfo().hasId() ? " as " + first.getRegister().getAgentInfo().getId().getValue()
            : "", first.getRegister().getTasksCount());
    requests.onNext(first);
    armWatchdog(gen);
  }

  private void received(int gen, MasterMessage m) {
    if (gen != generation || requests == null) {
      return;
    }
    lastHeard = clock.instant();
    if (m.getType() == MasterMessage.Type.PING) {
      send(AgentMessage.newBuilder().setType(AgentMessage.Type.PONG)
          .setPong(AgentMessage.Pong.newBuilder().setSequence(m.getPing().getSequence())).build());
      return;
    }
    handler.onMessage(m);
  }

  private void ended(int gen, Status status) {
    if (gen != generation || requests == null) {
      return;
    }
    requests = null;
    cancel(watchdog);
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getDescription() != null
        && status.getDescription().contains("not the leader")) {
      LOG.info("Master at {} refused the stream ({}); retrying in {} ms", channelTarget, status.getDescription(),
          backoff.toMillis());
    } else {
      LOG.warn("Stream to master at {} ended: {} {}; reconnecting in {} ms", channelTarget, status.getCode(),
          status.getDescription(), backoff.toMillis());
    }
    handler.onDisconnected();
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    Duration delay = backoff;
    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    cancel(reconnectTimer);
    reconnectTimer = loop.schedule(delay, this::connect);
  }

  private void armWatchdog(int gen) {
    cancel(watchdog);
    watchdog = loop.schedule(pingInterval, () -> {
      if (gen != generation || requests == null) {
        return;
      }
      Duration silent = Duration.between(lastHeard, clock.instant());
      if (silent.compareTo(pingInterval.multipliedBy(maxMissedPings)) >= 0) {
        LOG.warn("Nothing from master at {} for {} ms ({} ping intervals); reconnecting", channelTarget,
            silent.toMillis(), maxMissedPings);
        dropStream("master silent");
        scheduleReconnect();
      } else {
        armWatchdog(gen);
      }
    });
  }

  private void dropStream(String why) {
    cancel(watchdog);
    if (requests == null) {
      return;
    }
    generation++;
    StreamObserver<AgentMessage> old = requests;
    requests = null;
    try {
      old.onError(Status.CANCELLED.withDescription(why).asRuntimeException());
    } catch (RuntimeException e) {
      LOG.debug("Cancelling stream: {}", e.toString());
    }
    handler.onDisconnected();
  }

  private static void cancel(Scheduler.Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }
}
