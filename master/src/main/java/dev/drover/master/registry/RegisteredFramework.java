package dev.drover.master.registry;

import dev.drover.master.framework.FrameworkDescriptor;
import java.util.Objects;

/** A subscribed framework as the registry holds it: its id and its FrameworkInfo. Immutable. */
public record RegisteredFramework(String id, FrameworkDescriptor info) {
  public RegisteredFramework {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(info, "info");
  }
}
