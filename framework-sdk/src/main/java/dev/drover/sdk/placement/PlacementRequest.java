package dev.drover.sdk.placement;

import dev.drover.model.Resources;
import java.util.List;
import java.util.Objects;

/**
 * One instance to place. Immutable.
 *
 * @param id the caller's key for the instance (e.g. the task id it will get); unique within one {@code place} call
 * @param group the instances that constraints count together (e.g. an app id)
 * @param resources what the instance needs, without ports
 * @param ports how many ports to assign from the offer's {@code ports} ranges
 * @param constraints rules for where it may go
 */
public record PlacementRequest(String id, String group, Resources resources, int ports,
    List<Constraint> constraints) {
  public PlacementRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    resources = resources == null ? Resources.EMPTY : resources;
    if (ports < 0) {
      throw new IllegalArgumentException("ports must not be negative");
    }
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }

  /** A request without ports or constraints. */
  public static PlacementRequest of(String id, String group, Resources resources) {
    return new PlacementRequest(id, group, resources, 0, List.of());
  }

  /** This request with more constraints. */
  public PlacementRequest with(Constraint... more) {
    List<Constraint> all = new java.util.ArrayList<>(constraints);
    all.addAll(List.of(more));
    return new PlacementRequest(id, group, resources, ports, all);
  }

  /** This request with {@code n} ports. */
  public PlacementRequest withPorts(int n) {
    return new PlacementRequest(id, group, resources, n, constraints);
  }
}
