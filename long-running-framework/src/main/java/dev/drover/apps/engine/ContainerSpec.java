package dev.drover.apps.engine;

import dev.drover.sdk.DockerSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Docker container for an app (Marathon's {@code container} of type DOCKER, or MESOS with a docker image: both run
 * on the agent's Docker containerizer). An app without one runs as a plain process. Immutable.
 *
 * @param image the Docker image
 * @param network HOST, BRIDGE or NONE
 * @param portMappings BRIDGE only: the ports to publish; each gets a host port (see {@link PortMapping#hostPort})
 * @param privileged run privileged
 * @param parameters extra {@code docker run} parameters (key to value; a repeated key keeps its last value)
 * @param forcePullImage pull the image even when present
 */
public record ContainerSpec(String image, DockerSpec.Network network, List<PortMapping> portMappings,
    boolean privileged, Map<String, String> parameters, boolean forcePullImage) {
  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    network = network == null ? DockerSpec.Network.HOST : network;
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /** A HOST-network container of {@code image}. */
  public static ContainerSpec docker(String image) {
    return new ContainerSpec(image, DockerSpec.Network.HOST, List.of(), false, Map.of(), false);
  }
}
