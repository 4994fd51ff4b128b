package dev.drover.agent.container.docker;

import java.util.List;
import java.util.Objects;

/**
 * How to run a task as a Docker container, in domain terms. A {@link PortMapping} with host port 0 takes the next
 * of the task's port resources not mapped explicitly.
 */
public record DockerSpec(String image, Network network, List<PortMapping> portMappings, boolean privileged,
    boolean forcePull, List<Volume> volumes) {
  public enum Network { BRIDGE, HOST, NONE }

  public record PortMapping(int hostPort, int containerPort, String protocol) {
    public PortMapping {
      protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(java.util.Locale.ROOT);
    }
  }

  public record Volume(String hostPath, String containerPath, boolean readOnly) {}

  public DockerSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(network, "network");
    portMappings = List.copyOf(portMappings);
    volumes = List.copyOf(volumes);
  }

  /** A BRIDGE container of {@code image} with nothing else set. */
  public static DockerSpec of(String image) {
    return new DockerSpec(image, Network.BRIDGE, List.of(), false, false, List.of());
  }
}
