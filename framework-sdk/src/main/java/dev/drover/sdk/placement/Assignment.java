package dev.drover.sdk.placement;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import java.util.List;

/**
 * A request placed on an offer. Immutable.
 *
 * @param request what was placed
 * @param offer the offer it goes on; launch with {@code driver.launch(offer.id(), ...)}
 * @param resources what to put in the task: the request's resources plus the assigned ports
 * @param ports the assigned ports, lowest first
 * @param score the offer's score for this request, in [0, 1]
 */
public record Assignment(PlacementRequest request, Offer offer, Resources resources, List<Long> ports,
    double score) {
  public Assignment {
    ports = List.copyOf(ports);
  }
}
