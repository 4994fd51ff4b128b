package dev.drover.agent.container.docker;

import dev.drover.agent.container.LaunchException;
import dev.drover.model.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which host port each of a BRIDGE container's port mappings gets: its own host port, or for host port 0 the next of
 * the task's offered ports not mapped explicitly. One function, so the container and its health checks agree.
 * Stateless.
 */
public final class DockerPorts {
  private DockerPorts() {}

  /** One mapping and the host port it gets. */
  public record Assigned(DockerSpec.PortMapping mapping, int hostPort) {}

  /**
   * Each mapping and its host port, in the mappings' order (one entry per mapping, duplicates included).
   *
   * @throws LaunchException (refused) for a host port the task does not hold, or more mappings than ports
   */
  public static List<Assigned> assign(DockerSpec docker, Resources r) throws LaunchException {
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
    List<Assigned> out = new ArrayList<>();
    for (DockerSpec.PortMapping m : docker.portMappings()) {
      int hostPort = m.hostPort();
      if (hostPort == 0) {
        if (!it.hasNext()) {
          throw LaunchException.refused("more port mappings than ports in the task's resources " + held);
        }
        hostPort = it.next().intValue();
      }
      out.add(new Assigned(m, hostPort));
    }
    return out;
  }

  /** The host port mapped to {@code containerPort}, if a mapping names it and the mappings are valid. */
  public static OptionalInt hostPortOf(DockerSpec docker, Resources r, int containerPort) {
    try {
      return assign(docker, r).stream().filter(a -> a.mapping().containerPort() == containerPort)
          .mapToInt(Assigned::hostPort).findFirst();
    } catch (LaunchException e) {
      return OptionalInt.empty();
    }
  }
}
