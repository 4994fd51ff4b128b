package dev.drover.apps.engine.placement;

import dev.drover.apps.engine.PortDefinition;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.sdk.DockerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The host ports an app's instance needs, in order: one per port mapping of a BRIDGE container, otherwise one per
 * port definition. A slot is fixed (the host port is given: a mapping's {@code hostPort}, or a definition's
 * {@code port} with {@code requirePorts}) or dynamic (taken from the offer). Immutable.
 *
 * @param fixed per slot, the fixed host port, or 0 for a dynamic one
 */
public record PortPlan(List<Integer> fixed) {
  public PortPlan {
    fixed = List.copyOf(fixed);
  }

  /** The plan for {@code spec}. */
  public static PortPlan of(RunSpec spec) {
    List<Integer> slots = new ArrayList<>();
    if (spec.container().isPresent() && spec.container().get().network() == DockerSpec.Network.BRIDGE) {
      for (PortMapping m : spec.container().get().portMappings()) {
        slots.add(Math.max(0, m.hostPort()));
      }
    } else if (spec.container().isEmpty() || spec.container().get().network() == DockerSpec.Network.HOST) {
      for (PortDefinition d : spec.portDefinitions()) {
        slots.add(spec.requirePorts() ? Math.max(0, d.port()) : 0);
      }
    }
    return new PortPlan(slots);
  }

  /** How many ports come from the offer. */
  public int dynamic() {
    return (int) fixed.stream().filter(p -> p == 0).count();
  }

  /** The fixed host ports. */
  public List<Long> fixedPorts() {
    return fixed.stream().filter(p -> p != 0).map(Integer::longValue).toList();
  }

  /** The host port of every slot, given the dynamic ports assigned (lowest first). */
  public List<Integer> assign(List<Long> dynamicPorts) {
    List<Integer> out = new ArrayList<>();
    int d = 0;
    for (int p : fixed) {
      out.add(p != 0 ? p : dynamicPorts.get(d++).intValue());
    }
    return out;
  }
}
