package dev.drover.sdk.placement;

import dev.drover.sdk.Offer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one instance of a group runs (or is about to): the agent and what the constraints look at. Immutable.
 *
 * @param agentId the agent's id
 * @param hostname the agent's hostname
 * @param attributes the agent's attributes
 */
public record Instance(String agentId, String hostname, Map<String, String> attributes) {
  public Instance {
    Objects.requireNonNull(agentId, "agentId");
    hostname = hostname == null ? "" : hostname;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** An instance on the agent of {@code offer}. */
  public static Instance on(Offer offer) {
    return new Instance(offer.agentId(), offer.hostname(), offer.attributes());
  }

  /**
   * The value a constraint field has here: the hostname for {@code hostname}/{@code @hostname}, the attribute
   * {@code region}/{@code zone} for {@code @region}/{@code @zone}, otherwise the attribute of that name.
   */
  public Optional<String> field(String field) {
    return switch (field) {
      case "hostname", "@hostname" -> Optional.of(hostname);
      case "@region" -> Optional.ofNullable(attributes.get("region"));
      case "@zone" -> Optional.ofNullable(attributes.get("zone"));
      default -> Optional.ofNullable(attributes.get(field));
    };
  }
}
