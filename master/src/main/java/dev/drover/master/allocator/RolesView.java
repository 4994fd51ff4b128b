package dev.drover.master.allocator;

import dev.drover.model.Resources;
import java.util.List;
import java.util.Map;

/**
 * What the allocator knows about roles, for the operator API: every role that has a weight, a quota, a framework or
 * an allocation. Immutable.
 */
public record RolesView(Map<String, Role> roles) {
  public static final RolesView EMPTY = new RolesView(Map.of());

  /**
   * @param quota the role's limit; a kind (cpus, mem, disk, gpus) absent from it is not limited
   * @param allocated what the role holds now (offered or in use), cpus/mem/disk/gpus only
   * @param frameworks ids of the frameworks subscribed in the role
   * @param share the role's dominant share divided by its weight (0 when it holds nothing)
   */
  public record Role(String name, double weight, Resources quota, Resources allocated, List<String> frameworks,
      double share) {
    public Role {
      frameworks = List.copyOf(frameworks);
    }
  }

  public RolesView {
    roles = Map.copyOf(roles);
  }

  static RolesView of(java.util.Collection<RoleSlot> slots, RoleSettings settings, Sorter roleSorter) {
    Map<String, Role> out = new java.util.LinkedHashMap<>();
    for (RoleSlot r : slots) {
      double share = roleSorter instanceof DrfSorter d ? d.share(r.name) : 0;
      out.put(r.name, new Role(r.name, settings.weight(r.name), settings.quotas().getOrDefault(r.name,
          Resources.EMPTY), Scalars.toResources(r.allocated), List.copyOf(r.members), share));
    }
    return new RolesView(out);
  }
}
