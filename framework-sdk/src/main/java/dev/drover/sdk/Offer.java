package dev.drover.sdk;

import dev.drover.model.Resources;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Resources on one agent that the master offers to this framework, until the framework launches on them, declines
 * them, or the master rescinds them ({@link Scheduler#offerRescinded}). An offer is valid only on the subscription
 * that delivered it: after {@link Scheduler#disconnected} every outstanding offer is void (the master rescinds it), and
 * launching on it yields {@link dev.drover.model.TaskState#DROPPED} updates. Immutable and thread-safe.
 *
 * @param id the offer id, unique within one master's leadership term
 * @param agentId the agent the resources are on; tasks launched on the offer run there
 * @param hostname the agent's hostname
 * @param resources what is offered
 * @param attributes the agent's attributes (e.g. {@code rack -> r1}); scalars, ranges and sets in their text form
 * @param reserved the part of {@code resources} reserved for (or allocated to) a role other than {@code *}, by role;
 *     the rest of {@code resources} is unreserved
 */
public record Offer(String id, String agentId, String hostname, Resources resources, Map<String, String> attributes,
    Map<String, Resources> reserved) {
  /** The unreserved role. */
  public static final String ANY_ROLE = "*";

  public Offer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    hostname = hostname == null ? "" : hostname;
    resources = resources == null ? Resources.EMPTY : resources;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    reserved = reserved == null ? Map.of() : Map.copyOf(reserved);
    if (reserved.containsKey(ANY_ROLE)) {
      throw new IllegalArgumentException("'*' is the unreserved role, not a reservation");
    }
  }

  /** An offer of unreserved resources only. */
  public Offer(String id, String agentId, String hostname, Resources resources, Map<String, String> attributes) {
    this(id, agentId, hostname, resources, attributes, Map.of());
  }

  /** The resources reserved for no role ({@code *}). */
  public Resources unreserved() {
    Resources r = resources;
    for (Resources part : reserved.values()) {
      r = r.minus(part);
    }
    return r;
  }

  /**
   * What a task that accepts only {@code roles} may use of this offer (Marathon's {@code acceptedResourceRoles}):
   * the unreserved resources when {@code roles} holds {@code *}, plus those reserved for each role listed.
   */
  public Resources resourcesFor(Collection<String> roles) {
    Resources r = roles.contains(ANY_ROLE) ? unreserved() : Resources.EMPTY;
    for (Map.Entry<String, Resources> e : reserved.entrySet()) {
      if (roles.contains(e.getKey())) {
        r = r.plus(e.getValue());
      }
    }
    return r;
  }
}
