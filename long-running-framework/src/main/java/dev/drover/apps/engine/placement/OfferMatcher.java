package dev.drover.apps.engine.placement;

import dev.drover.apps.engine.RunSpec;
import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import dev.drover.sdk.placement.Assignment;
import dev.drover.sdk.placement.Constraint;
import dev.drover.sdk.placement.Instance;
import dev.drover.sdk.placement.Operator;
import dev.drover.sdk.placement.Peer;
import dev.drover.sdk.placement.Placement;
import dev.drover.sdk.placement.PlacementRequest;
import dev.drover.sdk.placement.PlacementResult;
import dev.drover.sdk.placement.Unplaced;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the instances apps are waiting for on a batch of offers, app after app, each app taking from what the ones
 * before it left: a pure function of its inputs, built on the SDK's {@link Placement}. Adds what the SDK does not
 * know: fixed host ports (an offer must hold them; such an app gets an implicit {@code [hostname, UNIQUE]}, since a
 * host port can be bound once per agent), {@code acceptedResourceRoles} (an app sees only the resources of the roles
 * it accepts; an offer that fits only with other roles' resources counts as {@code UnfulfilledRole}) and the reasons
 * per app for /v2/queue.
 */
public final class OfferMatcher {
  private OfferMatcher() {}

  /**
   * One app's wait.
   *
   * @param spec the app's target spec
   * @param taskIds ids for the instances to place (their number is how many)
   * @param existing where the app's active instances run (constraints count them)
   */
  public record Need(RunSpec spec, List<String> taskIds, List<Instance> existing) {}

  /**
   * One placed instance.
   *
   * @param taskId the id it gets
   * @param offer the offer it goes on
   * @param resources what the task takes, ports included
   * @param hostPorts its host ports, in port-definition (or mapping) order
   */
  public record Placed(String taskId, Offer offer, Resources resources, List<Integer> hostPorts) {}

  /**
   * The outcome.
   *
   * @param placed the placed instances, by app
   * @param rejects per app, why offers did not fit
   */
  public record Result(Map<String, List<Placed>> placed, Map<String, Rejects> rejects) {}

  /** Places {@code needs} (in priority order) on {@code offers}, given every app's instances as {@code peers}. */
  public static Result match(List<Need> needs, List<Offer> offers, List<Peer> peers, Placement placement) {
    Map<String, Offer> left = new LinkedHashMap<>();
    offers.forEach(o -> left.put(o.id(), o));
    Map<String, List<Placed>> placedByApp = new LinkedHashMap<>();
    Map<String, Rejects> rejects = new LinkedHashMap<>();
    List<Peer> allPeers = new ArrayList<>(peers);
    for (Need need : needs) {
      RunSpec spec = need.spec();
      PortPlan ports = PortPlan.of(spec);
      List<Long> fixed = ports.fixedPorts();
      Rejects r = new Rejects();
      rejects.put(spec.appId(), r);
      List<Offer> usable = new ArrayList<>();
      List<String> roles = spec.acceptedResourceRoles();
      Resources wanted = Resources.of(spec.cpus(), spec.mem(), spec.disk());
      for (Offer o : offers) {
        Offer restOffer = left.get(o.id());
        Resources rest = RoleShare.usable(restOffer, roles);
        r.processed++;
        if (!roles.isEmpty() && !rest.contains(wanted) && restOffer.resources().contains(wanted)) {
          r.count(o.hostname(), "role: only resources of " + roles + " are accepted, and those do not fit");
          continue;
        }
        if (!fixed.isEmpty()) {
          List<Long> missing = fixed.stream().filter(p -> !rest.ports().contains(p)).toList();
          if (!missing.isEmpty()) {
            r.count(o.hostname(), "insufficient ports (wanted fixed host ports " + missing + ", not offered)");
            continue;
          }
        }
        usable.add(new Offer(o.id(), o.agentId(), o.hostname(), withoutPorts(rest, fixed), o.attributes()));
      }
      List<Constraint> constraints = new ArrayList<>(spec.constraints());
      if (!fixed.isEmpty()) {
        constraints.add(Constraint.hard("hostname", Operator.UNIQUE));
      }
      List<PlacementRequest> requests = need.taskIds().stream()
          .map(id -> new PlacementRequest(id, spec.appId(), Resources.of(spec.cpus(), spec.mem(), spec.disk()),
              ports.dynamic(), constraints))
          .toList();
      PlacementResult result = placement.place(requests, usable, Map.of(spec.appId(), need.existing()), allPeers);
      List<Placed> placed = new ArrayList<>();
      for (Assignment a : result.assignments()) {
        Resources used = withPorts(a.resources(), fixed);
        Offer original = offers.stream().filter(o -> o.id().equals(a.offer().id())).findFirst().orElseThrow();
        left.put(original.id(), RoleShare.take(left.get(original.id()), used, spec.acceptedResourceRoles()));
        placed.add(new Placed(a.request().id(), original, used, ports.assign(a.ports())));
        allPeers.add(new Peer(original.agentId(), spec.appId(), spec.labels()));
      }
      placedByApp.put(spec.appId(), placed);
      if (!result.unplaced().isEmpty()) {
        Unplaced first = result.unplaced().get(0);
        first.reasons().forEach((offerId, why) -> r.count(hostOf(offers, offerId), why));
      }
    }
    return new Result(placedByApp, rejects);
  }

  private static String hostOf(List<Offer> offers, String offerId) {
    return offers.stream().filter(o -> o.id().equals(offerId)).map(Offer::hostname).findFirst().orElse(offerId);
  }

  private static Resources withoutPorts(Resources r, List<Long> ports) {
    if (ports.isEmpty()) {
      return r;
    }
    return r.toBuilder().ranges(Resources.PORTS, r.ports().minus(set(ports))).build();
  }

  private static Resources withPorts(Resources r, List<Long> ports) {
    if (ports.isEmpty()) {
      return r;
    }
    return r.toBuilder().ranges(Resources.PORTS, r.ports().plus(set(ports))).build();
  }

  private static RangeSet set(List<Long> ports) {
    return RangeSet.of(ports.stream().map(Range::of).toList());
  }
}
