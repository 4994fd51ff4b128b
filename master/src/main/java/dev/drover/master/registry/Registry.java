package dev.drover.master.registry;

import dev.drover.master.maintenance.DrainRecord;
import java.util.List;

/** What a leader recovers on election: admitted agents, subscribed frameworks, drains, role settings. Immutable. */
public record Registry(List<RegisteredAgent> agents, List<RegisteredFramework> frameworks,
    List<DrainRecord> drains, List<RoleRecord> roles) {
  public static final Registry EMPTY = new Registry(List.of(), List.of(), List.of(), List.of());

  public Registry {
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
    drains = List.copyOf(drains);
    roles = List.copyOf(roles);
  }
}
