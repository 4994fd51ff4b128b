package dev.drover.apps.model;

import java.util.Map;

/**
 * One host port an app asks for (host networking): {@code port} 0 means "any port from the offer", otherwise that
 * exact port when {@code requirePorts}; {@code protocol} tcp (default), udp or "udp,tcp".
 */
public record PortDefinition(Integer port, String protocol, String name, Map<String, String> labels) {
  public PortDefinition {
    port = port == null ? 0 : port;
    protocol = protocol == null ? "tcp" : protocol;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A port definition for {@code port} with the default protocol. */
  public static PortDefinition of(int port) {
    return new PortDefinition(port, null, null, null);
  }
}
