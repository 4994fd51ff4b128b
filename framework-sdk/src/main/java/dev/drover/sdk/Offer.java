package dev.drover.sdk;

import dev.drover.model.Resources;
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
 */
public record Offer(String id, String agentId, String hostname, Resources resources, Map<String, String> attributes) {
  public Offer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    hostname = hostname == null ? "" : hostname;
    resources = resources == null ? Resources.EMPTY : resources;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
