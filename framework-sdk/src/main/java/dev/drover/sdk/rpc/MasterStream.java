package dev.drover.sdk.rpc;

import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code SchedulerService.Subscribe} stream. Events are converted and handed to the {@link Listener} on a gRPC
 * thread; the listener must not block. {@link #send} and {@link #close} are not thread-safe: the driver calls them
 * from its one thread only (writes to a stream must be serialised). Internal to the SDK.
 */
public final class MasterStream {
  // host:port only: a master that knows no leader says "leader=unknown", which is no address to dial.
  private static final Pattern LEADER_HINT = Pattern.compile("leader=([^\\s;,:]+:\\d+)");

  /** Receives what happens on the stream, on gRPC threads. */
  public interface Listener {
    void onEvent(MasterEvent event);

    /** The stream ended; {@code leaderHint} is the {@code host:port} a non-leading master named, if any. */
    void onClosed(String reason, Optional<String> leaderHint);
  }

  private final ClientCallStreamObserver<Call> requests;
  private volatile long lastEventNanos = System.nanoTime();

  private MasterStream(Channel channel, Listener listener) {
    Observer observer = new Observer(listener);
    SchedulerServiceGrpc.newStub(channel).subscribe(observer);
    this.requests = observer.requests;
  }

  /** A plaintext channel to {@code host:port}. */
  public static ManagedChannel channel(String target) {
    return channel(target, InsecureChannelCredentials.create());
  }

  /** A channel to {@code host:port} dialled with {@code credentials} (TLS, tokens). */
  public static ManagedChannel channel(String target, io.grpc.ChannelCredentials credentials) {
    return Grpc.newChannelBuilder(target, credentials).build();
  }

  /** Shuts a channel down, giving calls in flight (a final TEARDOWN) up to a second to drain. */
  public static void shutdown(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  /** Opens the stream and sends {@code subscribe} as its first call. */
  public static MasterStream open(Channel channel, Call subscribe, Consumer<MasterEvent> onEvent,
      BiConsumer<String, Optional<String>> onClosed) {
    return open(channel, subscribe, new Listener() {
      @Override
      public void onEvent(MasterEvent event) {
        onEvent.accept(event);
      }

      @Override
      public void onClosed(String reason, Optional<String> leaderHint) {
        onClosed.accept(reason, leaderHint);
      }
    });
  }

  /** Opens the stream and sends {@code subscribe} as its first call. */
  public static MasterStream open(Channel channel, Call subscribe, Listener listener) {
    MasterStream stream = new MasterStream(channel, listener);
    stream.requests.onNext(subscribe);
    return stream;
  }

  public void send(Call call) {
    requests.onNext(call);
  }

  /** When the last event (of any type) arrived, or when the stream was opened, in {@link System#nanoTime()}. */
  public long lastEventNanos() {
    return lastEventNanos;
  }

  /** Half-closes the stream: the master sees it end normally after the calls already sent. */
  public void complete() {
    requests.onCompleted();
  }

  /** Abandons the stream at once. */
  public void cancel(String why) {
    requests.cancel(why, null);
  }

  static Optional<String> leaderHint(String description) {
    if (description == null) {
      return Optional.empty();
    }
    Matcher m = LEADER_HINT.matcher(description);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private final class Observer implements ClientResponseObserver<Call, Event> {
    private final Listener listener;
    private ClientCallStreamObserver<Call> requests;

    Observer(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Call> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public void onNext(Event event) {
      lastEventNanos = System.nanoTime();
      EventProtos.toDomain(event).ifPresent(listener::onEvent);
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      String reason = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
      listener.onClosed(reason, leaderHint(status.getDescription()));
    }

    @Override
    public void onCompleted() {
      listener.onClosed("stream completed by the master", Optional.empty());
    }
  }
}
