package dev.drover.apps.model;

import java.util.Map;

/**
 * A container port published on the host (bridge networking): {@code hostPort} 0 (default) means any port from the
 * offer; {@code servicePort} is where a router (docs/router.md) serves the app, 0 = one assigned on store.
 */
public record PortMapping(Integer containerPort, Integer hostPort, Integer servicePort, String protocol, String name,
    Map<String, String> labels) {
  public PortMapping {
    containerPort = containerPort == null ? 0 : containerPort;
    hostPort = hostPort == null ? 0 : hostPort;
    servicePort = servicePort == null ? 0 : servicePort;
    protocol = protocol == null ? "tcp" : protocol;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
