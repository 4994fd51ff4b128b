package dev.drover.master.offer;

import dev.drover.master.agent.Attribute;
import dev.drover.model.Resources;
import java.util.List;

/** Resources on one agent offered to one framework. Immutable. */
public record Offer(String id, String frameworkId, String agentId, String hostname, Resources resources,
    List<Attribute> attributes) {
  public Offer {
    attributes = List.copyOf(attributes);
  }
}
