package dev.drover.sdk.placement;

import dev.drover.sdk.Offer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Placement#place} decided. Immutable.
 *
 * @param assignments placed requests, in the requests' order
 * @param unplaced requests that did not fit, with reasons
 */
public record PlacementResult(List<Assignment> assignments, List<Unplaced> unplaced) {
  public PlacementResult {
    assignments = List.copyOf(assignments);
    unplaced = List.copyOf(unplaced);
  }

  /** Assignments grouped by offer id, in first-use order: one {@code launch} call each. */
  public Map<String, List<Assignment>> byOffer() {
    Map<String, List<Assignment>> m = new LinkedHashMap<>();
    assignments.forEach(a -> m.computeIfAbsent(a.offer().id(), k -> new ArrayList<>()).add(a));
    return m;
  }

  /** Offers with no assignment: decline them. */
  public List<Offer> unused(List<Offer> offers) {
    Map<String, List<Assignment>> used = byOffer();
    return offers.stream().filter(o -> !used.containsKey(o.id())).toList();
  }
}
