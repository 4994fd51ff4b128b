package dev.drover.apps.engine.placement;

import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marathon's {@code acceptedResourceRoles} on an offer: what an app may use of it, and what is left of it (per role)
 * once a task took some. Pure functions.
 */
final class RoleShare {
  private RoleShare() {}

  /** What an app accepting {@code roles} (empty: any) may use of {@code o}. */
  static Resources usable(Offer o, List<String> roles) {
    return roles.isEmpty() ? o.resources() : o.resourcesFor(roles);
  }

  /**
   * {@code o} after a task of an app accepting {@code roles} took {@code used}: taken from the roles the app named
   * first (then unreserved), or for an app accepting any role from unreserved resources first, so reservations stay
   * for the apps that need them.
   */
  static Offer take(Offer o, Resources used, List<String> roles) {
    if (o.reserved().isEmpty()) {  // the usual case: nothing reserved, nothing to apportion
      return new Offer(o.id(), o.agentId(), o.hostname(), o.resources().minus(used), o.attributes());
    }
    List<String> order = new ArrayList<>();
    if (roles.isEmpty()) {
      order.add(Offer.ANY_ROLE);
      order.addAll(o.reserved().keySet());
    } else {
      roles.stream().filter(r -> !r.equals(Offer.ANY_ROLE)).forEach(order::add);
      if (roles.contains(Offer.ANY_ROLE)) {
        order.add(Offer.ANY_ROLE);
      }
    }
    Map<String, Resources> reserved = new LinkedHashMap<>(o.reserved());
    Resources rest = used;
    for (String role : order) {
      Resources portion = role.equals(Offer.ANY_ROLE) ? o.unreserved() : reserved.get(role);
      if (portion == null) {
        continue;
      }
      Resources take = intersect(rest, portion);
      rest = rest.minus(take);
      if (!role.equals(Offer.ANY_ROLE)) {
        Resources left = portion.minus(take);
        if (left.isEmpty()) {
          reserved.remove(role);
        } else {
          reserved.put(role, left);
        }
      }
    }
    return new Offer(o.id(), o.agentId(), o.hostname(), o.resources().minus(used), o.attributes(), reserved);
  }

  private static Resources intersect(Resources a, Resources b) {
    return a.minus(a.minus(b));
  }
}
