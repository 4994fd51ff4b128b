package dev.drover.agent.container.docker;

import dev.drover.agent.container.LaunchException;
import dev.drover.model.Resources;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which host port each of a BRIDGE container's port mappings gets: its own host port, or for host port 0 the next of
 * the task's offered ports not mapped explicitly. One function, so the container and its health checks agree.
 * Stateless.
 */
public final class DockerPorts {
  private DockerPorts() {}

  /**
   * Each mapping and its host port, in the mappings' order.
   *
   * @throws LaunchException (refused) for a host port the task does not hold, or more mappings than ports
   */
  public static Map<DockerSpec.PortMapping, Integer> assign(DockerSpec docker, Resources r) throws LaunchException {
    List<Long> held = r.ports().first((int) Math.min(r.ports().size(), 65_536));
    Set<Long> explicit = new HashSet<>();
    for (DockerSpec.PortMapping m : docker.portMappings()) {
      if (m.hostPort() != 0) {
        if (!held.contains((long) m.hostPort())) {
          throw LaunchException.refused("host port " + m.hostPort() + " is not among the task's ports " + held);
        }
        explicit.add((long) m.hostPort());
      }
    }
    LinkedHashSet<Long> spare = new LinkedHashSet<>(held);
    spare.removeAll(explicit);
    var it = spare.iterator();
    Map<DockerSpec.PortMapping, Integer> out = new LinkedHashMap<>();
    for (DockerSpec.PortMapping m : docker.portMappings()) {
      int hostPort = m.hostPort();
      if (hostPort == 0) {
        if (!it.hasNext()) {
          throw LaunchException.refused("more port mappings than ports in the task's resources " + held);
        }
        hostPort = it.next().intValue();
      }
      out.put(m, hostPort);
    }
    return out;
  }

  /** The host port mapped to {@code containerPort}, if a mapping names it and the mappings are valid. */
  public static OptionalInt hostPortOf(DockerSpec docker, Resources r, int containerPort) {
    try {
      return assign(docker, r).entrySet().stream().filter(e -> e.getKey().containerPort() == containerPort)
          .mapToInt(Map.Entry::getValue).findFirst();
    } catch (LaunchException e) {
      return OptionalInt.empty();
    }
  }
}
