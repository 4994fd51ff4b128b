package dev.drover.sdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers outstanding on the current subscription, so that a launch on a void offer is answered locally instead
 * of silently. Not thread-safe: owned by the driver's thread.
 */
final class OfferBook {
  private final Map<String, Offer> offers = new HashMap<>();

  void add(List<Offer> added) {
    added.forEach(o -> offers.put(o.id(), o));
  }

  boolean remove(String offerId) {
    return offers.remove(offerId) != null;
  }

  void clear() {
    offers.clear();
  }

  /**
   * Takes the offers for a launch: on success their common agent id, and they are no longer outstanding; otherwise
   * nothing changes and {@code problem} says why.
   */
  Optional<String> take(List<String> offerIds, StringBuilder problem) {
    List<Offer> used = new ArrayList<>();
    for (String id : offerIds) {
      Offer offer = offers.get(id);
      if (offer == null) {
        problem.append("offer ").append(id)
            .append(" is not outstanding (used, declined, rescinded, or from before a disconnect)");
        return Optional.empty();
      }
      used.add(offer);
    }
    if (used.stream().map(Offer::agentId).distinct().count() > 1) {
      problem.append("offers ").append(offerIds).append(" are on different agents");
      return Optional.empty();
    }
    offerIds.forEach(offers::remove);
    return Optional.of(used.get(0).agentId());
  }
}
