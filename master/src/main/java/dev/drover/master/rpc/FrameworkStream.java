package dev.drover.master.rpc;

import dev.drover.master.core.MasterCore;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.offer.Offer;
import dev.drover.master.task.TaskStatus;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.OfferID;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framework's Subscribe stream: the first call must be SUBSCRIBE (else ERROR and the stream ends); later calls
 * are decoded into core commands. Encodes what the core sends as events.
 */
final class FrameworkStream implements StreamObserver<Call>, FrameworkChannel {
  private static final Logger LOG = LoggerFactory.getLogger(FrameworkStream.class);

  private final MasterCore core;
  private final SerializedObserver<Event> out;
  private volatile boolean subscribed;
  private volatile boolean ended;

  FrameworkStream(MasterCore core, StreamObserver<Event> responses) {
    this.core = core;
    this.out = new SerializedObserver<>(responses);
  }

  @Override
  public void onNext(Call call) {
    if (ended) {
      return;
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (subscribed) {
        error("SUBSCRIBE may only be the first call on a stream");
        core.frameworkDisconnected(this);
        return;
      }
      subscribed = true;
      Call.Subscribe s = call.getSubscribe();
      String id = s.getFrameworkInfo().getId().getValue();
      if (id.isEmpty()) {
        id = call.getFrameworkId().getValue();
      }
      core.frameworkSubscribe(this, id, CommonWire.toDomain(s.getFrameworkInfo()), 
          List.copyOf(s.getSuppressedRolesList()));
      return;
    }
    if (!subscribed) {
      error("the first call must be SUBSCRIBE, not " + call.getType());
      return;
    }
    if (call.getType() == Call.Type.DECLINE) {
      core.metrics().offersDeclined(call.getDecline().getOfferIdsCount());
    }
    core.frameworkCall(this, call.getFrameworkId().getValue(), SchedulerWire.toDomain(call));
  }

  @Override
  public void onError(Throwable t) {
    ended = true;
    out.peerGone();
    core.frameworkDisconnected(this);
  }

  @Override
  public void onCompleted() {
    ended = true;
    out.complete();
    core.frameworkDisconnected(this);
  }

  @Override
  public void subscribed(String frameworkId, Duration heartbeatInterval, String masterId) {
    out.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
            .setHeartbeatIntervalSeconds(heartbeatInterval.toMillis() / 1000.0).setMasterId(masterId))
        .build());
  }

  @Override
  public void offers(List<Offer> offers) {
    Event.Offers.Builder b = Event.Offers.newBuilder();
    offers.forEach(o -> b.addOffers(CommonWire.toProto(o)));
    core.metrics().offersSent(offers.size());
    out.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(b).build());
  }

  @Override
  public void rescind(String offerId) {
    core.metrics().offerRescinded();
    out.send(Event.newBuilder().setType(Event.Type.RESCIND)
        .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId))).build());
  }

  @Override
  public void update(TaskStatus status) {
    out.send(Event.newBuilder().setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(CommonWire.toProto(status))).build());
  }

  @Override
  public void agentFailure(String agentId) {
    out.send(Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
        .setAgentId(dev.drover.proto.v1.AgentID.newBuilder().setValue(agentId))).build());
  }

  @Override
  public void heartbeat() {
    out.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
  }

  @Override
  public void error(String message) {
    LOG.info("Ending a framework stream with ERROR: {}", message);
    ended = true;
    out.send(Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message))
        .build());
    out.complete();
  }

  @Override
  public void fail(String description) {
    ended = true;
    out.fail(Status.UNAVAILABLE.withDescription(description));
  }
}
