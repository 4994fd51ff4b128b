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
 * all of them while a run is queued, else as many as the ticks within {@link #HOLD_WINDOW} need ({@link #beyond}),
 * and declines the others with a short refuse. Not thread-safe: owned by the engine loop.
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

  /**
   * Removes and returns the held offers not needed to cover {@code cpus}, {@code mem} and {@code disk}: offers are
   * kept in arrival order until their sum covers all three; every offer when nothing is needed.
   */
  List<Offer> beyond(double cpus, double mem, double disk) {
    List<Offer> out = new ArrayList<>();
    double c = 0;
    double m = 0;
    double d = 0;
    for (var it = held.values().iterator(); it.hasNext(); ) {
      Offer o = it.next();
      if (c >= cpus && m >= mem && d >= disk) {  // covered (at once when nothing is needed)
        out.add(o);
        it.remove();
      } else {
        c += o.resources().scalar("cpus");
        m += o.resources().scalar("mem");
        d += o.resources().scalar("disk");
      }
    }
    return out;
  }

  /** Removes and returns every held offer (to decline them). */
  List<Offer> drain() {
    List<Offer> out = all();
    held.clear();
    return out;
  }
}
