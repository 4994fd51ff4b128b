package dev.drover.it.badinput;

import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.Offer;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import dev.drover.proto.v1.TaskStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw framework stream over the generated stub: sends any {@link Call}, keeps every {@link Event}, the live offers
 * and how the stream ended. Thread-safe.
 */
final class Fw implements AutoCloseable {
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final List<Event> all = new CopyOnWriteArrayList<>();
  final Map<String, Offer> offers = new ConcurrentHashMap<>();
  volatile Status closedWith;
  volatile boolean completed;
  private final StreamObserver<Call> out;
  private volatile String id = "";

  Fw(ManagedChannel channel) {
    out = SchedulerServiceGrpc.newStub(channel).subscribe(new StreamObserver<>() {
      @Override
      public void onNext(Event e) {
        if (e.getType() == Event.Type.OFFERS) {
          e.getOffers().getOffersList().forEach(o -> offers.put(o.getId().getValue(), o));
        } else if (e.getType() == Event.Type.RESCIND) {
          offers.remove(e.getRescind().getOfferId().getValue());
        } else if (e.getType() == Event.Type.SUBSCRIBED) {
          id = e.getSubscribed().getFrameworkId().getValue();
        } else if (e.getType() == Event.Type.UPDATE && !e.getUpdate().getStatus().getUuid().isEmpty()) {
          TaskStatus s = e.getUpdate().getStatus();
          send(call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(s.getAgentId())
              .setTaskId(s.getTaskId()).setUuid(s.getUuid())).build());
        }
        all.add(e);
        events.add(e);
      }

      @Override
      public void onError(Throwable t) {
        closedWith = Status.fromThrowable(t);
      }

      @Override
      public void onCompleted() {
        completed = true;
      }
    });
  }

  static Call subscribe(String name) {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .setFrameworkInfo(FrameworkInfo.newBuilder().setName(name).addRoles("*").setFailoverTimeout(60))).build();
  }

  /** Subscribes and waits for SUBSCRIBED. */
  Fw subscribed(String name) {
    send(subscribe(name));
    await("SUBSCRIBED", e -> e.getType() == Event.Type.SUBSCRIBED);
    return this;
  }

  String id() {
    return id;
  }

  Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(FrameworkID.newBuilder().setValue(id));
  }

  synchronized void send(Call c) {
    out.onNext(c);
  }

  /** The first event (from now on, or already queued) that matches, waiting up to 10 s. */
  Event await(String what, Predicate<Event> match) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    try {
      while (Instant.now().isBefore(deadline)) {
        Event e = events.poll(50, TimeUnit.MILLISECONDS);
        if (e != null && match.test(e)) {
          return e;
        }
        if (e == null && (closedWith != null || completed)) {
          throw new AssertionError("the stream ended (" + closedWith + ") while waiting for " + what);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no " + what + " within 10 s; events: " + all);
  }

  /** A live offer, waiting for one; removed from the live set (the caller uses it). */
  Offer takeOffer() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      Optional<Offer> o = offers.values().stream().findFirst();
      if (o.isPresent() && offers.remove(o.get().getId().getValue()) != null) {
        return o.get();
      }
      BadEnv.await("an offer", () -> !offers.isEmpty() || Instant.now().isAfter(deadline));
    }
    throw new AssertionError("no offer within 10 s; events: " + all.size());
  }

  /** Waits until the stream ended, by an ERROR event or a status. */
  void awaitEnd() {
    BadEnv.await("the stream ended", () -> completed || closedWith != null);
  }

  @Override
  public void close() {
    try {
      synchronized (this) {
        out.onCompleted();
      }
    } catch (RuntimeException ignored) {
      // already closed
    }
  }
}
