package dev.drover.master.registry;

import dev.drover.master.agent.AgentDescriptor;
import java.util.Objects;

/** An admitted agent as the registry holds it: its id and what it said about itself. Immutable. */
public record RegisteredAgent(String id, AgentDescriptor info) {
  public RegisteredAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(info, "info");
  }
}
