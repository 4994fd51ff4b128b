package dev.drover.sdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a task in a Docker container instead of as a plain process. Immutable and thread-safe.
 *
 * @param image the image, e.g. {@code nginx:1.27}
 * @param network the container's network mode
 * @param portMappings host ports (taken from the task's {@code ports} resource) mapped into the container
 * @param privileged whether the container runs privileged
 * @param forcePull whether to pull the image even when present
 * @param parameters extra {@code docker run} parameters, key to value
 */
public record DockerSpec(String image, Network network, List<PortMapping> portMappings, boolean privileged,
    boolean forcePull, Map<String, String> parameters) {

  /** Docker network modes. */
  public enum Network { BRIDGE, HOST, NONE }

  /**
   * One published port.
   *
   * @param hostPort a port from the task's offered {@code ports}
   * @param containerPort the port inside the container
   * @param protocol {@code tcp} or {@code udp}
   */
  public record PortMapping(int hostPort, int containerPort, String protocol) {
    public PortMapping {
      protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }
  }

  public DockerSpec {
    Objects.requireNonNull(image, "image");
    network = network == null ? Network.BRIDGE : network;
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /** A bridged container of {@code image} with no published ports. */
  public static DockerSpec of(String image) {
    return new DockerSpec(image, Network.BRIDGE, List.of(), false, false, Map.of());
  }
}
