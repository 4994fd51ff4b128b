package dev.drover.sdk;

import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import dev.drover.zk.LeaderInfo;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted {@code SchedulerService} on a real loopback port. It records every call, answers SUBSCRIBE with
 * SUBSCRIBED (the framework's id, or {@code assignedId}) when {@code autoSubscribe} is on, and lets the test push
 * events or fail the latest stream.
 */
final class FakeMaster implements AutoCloseable {
  final String id;
  final String assignedId;
  volatile boolean autoSubscribe = true;
  volatile double heartbeatSeconds = 15;
  private final Server server;
  private final List<Call> calls = new ArrayList<>();
  private StreamObserver<Event> latest;
  private int streams;

  FakeMaster(String id, String assignedId) {
    this.id = id;
    this.assignedId = assignedId;
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(new Service()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LeaderInfo leaderInfo() {
    return new LeaderInfo(id, "127.0.0.1", server.getPort(), 0, "test");
  }

  String target() {
    return leaderInfo().grpcTarget();
  }

  synchronized int streams() {
    return streams;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Waits for the {@code n}th (1-based) call matching {@code p}. */
  Call await(String what, int n, Predicate<Call> p) {
    Await.until(what, () -> calls().stream().filter(p).count() >= n);
    return calls().stream().filter(p).skip(n - 1).findFirst().orElseThrow();
  }

  Call await(Call.Type type) {
    return await(type.name(), 1, c -> c.getType() == type);
  }

  synchronized void send(Event event) {
    latest.onNext(event);
  }

  synchronized void subscribed(String frameworkId) {
    latest.onNext(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
        .setHeartbeatIntervalSeconds(heartbeatSeconds).setMasterId(id)).build());
  }

  synchronized void fail(Status status) {
    latest.onError(status.asRuntimeException());
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends SchedulerServiceGrpc.SchedulerServiceImplBase {
    @Override
    public StreamObserver<Call> subscribe(StreamObserver<Event> events) {
      synchronized (FakeMaster.this) {
        latest = events;
        streams++;
      }
      return new StreamObserver<>() {
        @Override
        public void onNext(Call call) {
          synchronized (FakeMaster.this) {
            calls.add(call);
            if (call.getType() == Call.Type.SUBSCRIBE && autoSubscribe) {
              String fid = call.getSubscribe().getFrameworkInfo().getId().getValue();
              subscribed(fid.isEmpty() ? assignedId : fid);
            }
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          synchronized (FakeMaster.this) {
            try {
              events.onCompleted();
            } catch (IllegalStateException alreadyClosed) {
              // the test failed this stream already
            }
          }
        }
      };
    }
  }
}
