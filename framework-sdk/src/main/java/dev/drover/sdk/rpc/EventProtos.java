package dev.drover.sdk.rpc;

import dev.drover.proto.v1.Event;
import dev.drover.sdk.Offer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts wire {@link Event}s to {@link MasterEvent}s. Internal to the SDK. */
public final class EventProtos {
  private static final Logger LOG = LoggerFactory.getLogger(EventProtos.class);
  /** Used when SUBSCRIBED carries no heartbeat interval. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  private EventProtos() {}

  /**
   * The domain form of {@code event}, or empty for events the SDK does not handle (MESSAGE, unknown types) and for
   * malformed ones (logged). A malformed offer is skipped; the others in the event are kept.
   */
  public static Optional<MasterEvent> toDomain(Event event) {
    try {
      return Optional.ofNullable(convert(event));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring malformed {} event: {}", event.getType(), e.getMessage());
      return Optional.empty();
    }
  }

  private static MasterEvent convert(Event event) {
    return switch (event.getType()) {
      case SUBSCRIBED -> {
        double seconds = event.getSubscribed().getHeartbeatIntervalSeconds();
        Duration heartbeat = seconds > 0 ? Duration.ofMillis(Math.round(seconds * 1000)) : DEFAULT_HEARTBEAT;
        yield new MasterEvent.Subscribed(event.getSubscribed().getFrameworkId().getValue(), heartbeat,
            event.getSubscribed().getMasterId());
      }
      case OFFERS -> {
        List<Offer> offers = new ArrayList<>();
        for (dev.drover.proto.v1.Offer o : event.getOffers().getOffersList()) {
          try {
            offers.add(TaskProtos.toDomain(o));
          } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring malformed offer {}: {}", o.getId().getValue(), e.getMessage());
          }
        }
        yield offers.isEmpty() ? null : new MasterEvent.Offers(List.copyOf(offers));
      }
      case RESCIND -> new MasterEvent.Rescind(event.getRescind().getOfferId().getValue());
      case UPDATE -> new MasterEvent.Update(TaskProtos.toDomain(event.getUpdate().getStatus()));
      case FAILURE -> new MasterEvent.AgentLost(event.getFailure().getAgentId().getValue());
      case ERROR -> new MasterEvent.Error(event.getError().getMessage());
      case HEARTBEAT -> new MasterEvent.Heartbeat();
      default -> null;
    };
  }
}
