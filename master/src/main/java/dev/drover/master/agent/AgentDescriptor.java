package dev.drover.master.agent;

import dev.drover.model.Resources;
import java.util.List;

/** What an agent says about itself when it (re-)registers. Immutable. */
public record AgentDescriptor(String hostname, int port, Resources resources, List<Attribute> attributes,
    String region, String zone, String version) {
  public AgentDescriptor {
    attributes = List.copyOf(attributes);
  }

  public AgentDescriptor withResources(Resources total) {
    return new AgentDescriptor(hostname, port, total, attributes, region, zone, version);
  }
}
