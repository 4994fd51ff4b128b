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

  /**
   * The held offers merged per agent: one offer per agent with the sum of their resources (its id the first
   * offer's), so placement looks at a handful of offers rather than hundreds of fragments. {@code idsOf} receives,
   * for each merged id, the ids of the offers it stands for (to launch on them all at once).
   */
  List<Offer> mergedPerAgent(Map<String, List<String>> idsOf) {
    Map<String, Offer> byAgent = new LinkedHashMap<>();
    for (Offer o : held.values()) {
      Offer m = byAgent.get(o.agentId());
      if (m == null) {
        byAgent.put(o.agentId(), o);
        idsOf.put(o.id(), new ArrayList<>(List.of(o.id())));
      } else {
        byAgent.put(o.agentId(), new Offer(m.id(), m.agentId(), m.hostname(), m.resources().plus(o.resources()),
            m.attributes()));
        idsOf.get(m.id()).add(o.id());
      }
    }
    return new ArrayList<>(byAgent.values());
  }

  /** Removes and returns every held offer (to decline them). */
  List<Offer> drain() {
    List<Offer> out = all();
    held.clear();
    return out;
  }
}
