package dev.drover.apps.api;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.Container;
import dev.drover.apps.model.PortDefinition;
import dev.drover.apps.model.PortMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every service port an app leaves at 0 a port of its own from {@value #MIN}–{@value #MAX}, as Marathon does
 * (its {@code local_port_min/max}), so a router (docs/router.md) can listen on it: {@code portDefinitions[].port} for
 * host networking, {@code container.portMappings[].servicePort} for bridge networking. An update that leaves a port
 * at 0 keeps the port the app already had at that index, so re-sending the same JSON changes nothing. Apps with
 * {@code requirePorts} keep their 0s (there the port is a host port, and 0 means any port from the offer). Pure;
 * not thread-safe (the API's serial loop uses it).
 */
final class ServicePorts {
  static final int MIN = 10000;
  static final int MAX = 20000;

  private final Set<Integer> used = new HashSet<>();
  private int next = MIN;

  /** Ports already taken by {@code apps} (the stored ones). */
  ServicePorts(Collection<AppDefinition> apps) {
    apps.forEach(a -> used.addAll(of(a)));
  }

  /** {@code app} with its zero service ports assigned; {@code before} is its stored definition, if any. */
  AppDefinition assign(AppDefinition app, AppDefinition before) {
    List<Integer> previous = before == null ? List.of() : all(before);
    used.removeAll(previous);
    AppDefinition out = app;
    if (!app.requirePorts()) {
      Container c = app.container();
      if (c != null && c.bridged()) {
        List<PortMapping> mappings = new ArrayList<>();
        for (int i = 0; i < c.portMappings().size(); i++) {
          PortMapping m = c.portMappings().get(i);
          mappings.add(new PortMapping(m.containerPort(), m.hostPort(), pick(m.servicePort(), previous, i),
              m.protocol(), m.name(), m.labels()));
        }
        out = app.withContainer(new Container(c.type(), c.docker(), mappings));
      } else {
        List<PortDefinition> defs = new ArrayList<>();
        for (int i = 0; i < app.portDefinitions().size(); i++) {
          PortDefinition d = app.portDefinitions().get(i);
          defs.add(new PortDefinition(pick(d.port(), previous, i), d.protocol(), d.name(), d.labels()));
        }
        out = app.withPortDefinitions(defs);
      }
    }
    used.addAll(of(out));
    return out;
  }

  private int pick(int asked, List<Integer> previous, int index) {
    if (asked != 0) {
      return asked;
    }
    if (index < previous.size() && previous.get(index) != 0 && !used.contains(previous.get(index))) {
      return previous.get(index);
    }
    for (int tries = 0; tries <= MAX - MIN; tries++) {
      int port = next;
      next = next == MAX ? MIN : next + 1;
      if (used.add(port)) {
        return port;
      }
    }
    throw new ApiException(409, "no free service port left in " + MIN + "-" + MAX);
  }

  /** The service ports {@code app} holds (non-zero ones only). */
  static List<Integer> of(AppDefinition app) {
    return all(app).stream().filter(p -> p != 0).toList();
  }

  /** The service port at each index of {@code app}'s port definitions (or bridge mappings), 0 where none. */
  private static List<Integer> all(AppDefinition app) {
    Container c = app.container();
    return c != null && c.bridged()
        ? c.portMappings().stream().map(PortMapping::servicePort).toList()
        : app.portDefinitions().stream().map(PortDefinition::port).toList();
  }
}
