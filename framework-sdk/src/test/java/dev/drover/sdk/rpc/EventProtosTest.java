package dev.drover.sdk.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Resource;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventProtosTest {

  @Test
  void subscribedDefaultsTheHeartbeat() {
    Event e = Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw")).setMasterId("m")).build();
    assertEquals(Optional.of(new MasterEvent.Subscribed("fw", EventProtos.DEFAULT_HEARTBEAT, "m")),
        EventProtos.toDomain(e));
    Event fast = e.toBuilder().setSubscribed(e.getSubscribed().toBuilder().setHeartbeatIntervalSeconds(0.25))
        .build();
    assertEquals(Duration.ofMillis(250),
        ((MasterEvent.Subscribed) EventProtos.toDomain(fast).orElseThrow()).heartbeatInterval());
  }

  @Test
  void aMalformedOfferIsSkippedAndTheRestKept() {
    dev.drover.proto.v1.Offer good = dev.drover.proto.v1.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("good")).setAgentId(AgentID.newBuilder().setValue("a")).build();
    dev.drover.proto.v1.Offer bad = good.toBuilder().setId(OfferID.newBuilder().setValue("bad"))
        .addResources(Resource.newBuilder().setName("cpus")).build();
    MasterEvent.Offers offers = (MasterEvent.Offers) EventProtos.toDomain(Event.newBuilder()
        .setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addOffers(bad).addOffers(good)).build())
        .orElseThrow();
    assertEquals(1, offers.offers().size());
    assertEquals("good", offers.offers().get(0).id());
  }

  @Test
  void otherEventsConvert() {
    assertEquals(Optional.of(new MasterEvent.Rescind("o")), EventProtos.toDomain(Event.newBuilder()
        .setType(Event.Type.RESCIND).setRescind(Event.Rescind.newBuilder()
            .setOfferId(OfferID.newBuilder().setValue("o"))).build()));
    assertEquals(Optional.of(new MasterEvent.AgentLost("a")), EventProtos.toDomain(Event.newBuilder()
        .setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
            .setAgentId(AgentID.newBuilder().setValue("a"))).build()));
    assertEquals(Optional.of(new MasterEvent.Error("boom")), EventProtos.toDomain(Event.newBuilder()
        .setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage("boom")).build()));
    assertEquals(Optional.of(new MasterEvent.Heartbeat()),
        EventProtos.toDomain(Event.newBuilder().setType(Event.Type.HEARTBEAT).build()));
    assertTrue(EventProtos.toDomain(Event.newBuilder().setType(Event.Type.MESSAGE).build()).isEmpty());
  }

  @Test
  void leaderHintIsReadFromTheStatusDescription() {
    assertEquals(Optional.of("10.0.0.2:5051"), MasterStream.leaderHint("not the leader; leader=10.0.0.2:5051"));
    assertEquals(Optional.empty(), MasterStream.leaderHint("not the leader; no leader elected"));
    assertEquals(Optional.empty(), MasterStream.leaderHint("not the leader; leader=unknown"));
    assertEquals(Optional.empty(), MasterStream.leaderHint(null));
  }
}
