package dev.drover.jobs.engine;

import dev.drover.sdk.Offer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offers held on hand so that a run launches at its tick without waiting for the next offer round. The engine holds
 * offers while a run is queued or a tick falls within {@link #HOLD_WINDOW}, and declines them with a short refuse
 * otherwise. Not thread-safe: owned by the engine loop.
 */
final class OfferBook {
  static final Duration HOLD_WINDOW = Duration.ofSeconds(60);
  static final Duration SHORT_REFUSE = Duration.ofSeconds(5);

  private final Map<String, Offer> held = new LinkedHashMap<>();

  void add(Collection<Offer> offers) {
    offers.forEach(o -> held.put(o.id(), o));
  }

  void remove(String offerId) {
    held.remove(offerId);
  }

  List<Offer> all() {
    return new ArrayList<>(held.values());
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  int size() {
    return held.size();
  }

  /** Removes and returns every held offer (to decline them). */
  List<Offer> drain() {
    List<Offer> out = all();
    held.clear();
    return out;
  }
}
