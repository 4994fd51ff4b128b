package dev.drover.master.framework;

import java.util.List;

/** What a framework says about itself when it subscribes (FrameworkInfo without the id). Immutable. */
public record FrameworkDescriptor(String name, String user, List<String> roles, double failoverTimeoutSeconds,
    boolean checkpoint, List<String> capabilities, String principal, String webuiUrl, String hostname) {
  public static final String PARTITION_AWARE = "PARTITION_AWARE";

  public FrameworkDescriptor {
    roles = roles.isEmpty() ? List.of("*") : List.copyOf(roles);
    capabilities = List.copyOf(capabilities);
  }

  public boolean partitionAware() {
    return capabilities.contains(PARTITION_AWARE);
  }
}
