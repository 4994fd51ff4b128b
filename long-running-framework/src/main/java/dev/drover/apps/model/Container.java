package dev.drover.apps.model;

import java.util.List;

/**
 * Where the app runs: {@code type} DOCKER (with {@code docker}) or MESOS (a plain process, or Docker image through
 * the agent's containerizer when {@code docker.image} is set). {@code portMappings} apply to BRIDGE networking.
 */
public record Container(Type type, Docker docker, List<PortMapping> portMappings) {
  /** Marathon's container types. */
  public enum Type { DOCKER, MESOS }

  public Container {
    type = type == null ? Type.DOCKER : type;
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
  }

  /** Whether the app runs in a Docker container with bridge networking. */
  public boolean bridged() {
    return docker != null && docker.network() == Docker.Network.BRIDGE;
  }
}
