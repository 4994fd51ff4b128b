package dev.drover.sdk.placement;

import java.util.Map;

/**
 * A request no offer could take, with the reason per offer (first the resource that was short, else the first hard
 * constraint that failed). Immutable.
 *
 * @param request the request
 * @param reasons offer id to reason, in the offers' order; empty when there were no offers
 */
public record Unplaced(PlacementRequest request, Map<String, String> reasons) {
  public Unplaced {
    reasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reasons));
  }
}
