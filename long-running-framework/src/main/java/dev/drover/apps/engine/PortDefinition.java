package dev.drover.apps.engine;

/**
 * One port of an app without a BRIDGE container (Marathon's {@code portDefinitions}). Immutable.
 *
 * @param port with {@link RunSpec#requirePorts()} the host port the instance must get; otherwise 0 or the service
 *     port, and the host port is taken from the offer
 * @param protocol {@code tcp}, {@code udp} or {@code udp,tcp}
 * @param name optional name, possibly empty
 */
public record PortDefinition(int port, String protocol, String name) {
  public PortDefinition {
    protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    name = name == null ? "" : name;
  }
}
