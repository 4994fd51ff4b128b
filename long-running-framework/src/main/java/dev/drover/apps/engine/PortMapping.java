package dev.drover.apps.engine;

/**
 * One port mapping of a BRIDGE container (Marathon's {@code portMappings}). Immutable.
 *
 * @param containerPort the port inside the container
 * @param hostPort the host port: 0 takes one from the offer, any other value is required as is
 * @param servicePort the service port (for load balancers); the engine only reports it
 * @param protocol {@code tcp}, {@code udp} or {@code udp,tcp}
 * @param name optional name, possibly empty
 */
public record PortMapping(int containerPort, int hostPort, int servicePort, String protocol, String name) {
  public PortMapping {
    protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    name = name == null ? "" : name;
  }
}
