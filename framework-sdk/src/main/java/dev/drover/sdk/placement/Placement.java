package dev.drover.sdk.placement;

import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import dev.drover.sdk.Offer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Matches placement requests to offers: a pure function of its inputs, with no clock, randomness or I/O, so the same
 * inputs always give the same result. Immutable and thread-safe.
 *
 * <p>Requests are placed one at a time, in order; each takes the best-scoring offer among those that (1) hold its
 * resources and ports, after what earlier requests of the same call took, and (2) pass all of its hard constraints,
 * counting the group's existing instances plus those placed earlier in the call. An offer's score is the
 * {@link Fitness} times the mean score of the soft constraints; ties go to the earlier offer. Several requests may
 * share one offer. Ports are the lowest free ones of the offer's {@code ports} ranges.
 */
public final class Placement {
  private final Fitness fitness;

  private Placement(Fitness fitness) {
    this.fitness = Objects.requireNonNull(fitness, "fitness");
  }

  /** A placement ranking offers with {@code fitness}. */
  public static Placement using(Fitness fitness) {
    return new Placement(fitness);
  }

  /** Places with {@link Fitness#SPREAD} and no existing instances. */
  public static PlacementResult place(List<PlacementRequest> requests, List<Offer> offers) {
    return using(Fitness.SPREAD).place(requests, offers, Map.of());
  }

  /**
   * Places requests on offers.
   *
   * @param requests what to place, in priority order
   * @param offers the offers available
   * @param existing per group, the instances already running (constraints count them)
   */
  public PlacementResult place(List<PlacementRequest> requests, List<Offer> offers,
      Map<String, ? extends Collection<Instance>> existing) {
    return place(requests, offers, existing, List.of());
  }

  /**
   * Places requests on offers, with the instances of every group for the COLOCATE and SEPARATE operators. A request
   * placed by this call counts as a peer (of its group, without labels) for the requests after it.
   *
   * @param requests what to place, in priority order
   * @param offers the offers available
   * @param existing per group, the instances already running (constraints count them)
   * @param peers instances of all groups, with their labels
   */
  public PlacementResult place(List<PlacementRequest> requests, List<Offer> offers,
      Map<String, ? extends Collection<Instance>> existing, Collection<Peer> peers) {
    List<Peer> allPeers = new ArrayList<>(peers);
    Map<String, Resources> remaining = new LinkedHashMap<>();
    offers.forEach(o -> remaining.put(o.id(), o.resources()));
    Map<String, List<Instance>> groups = new HashMap<>();
    existing.forEach((g, list) -> groups.put(g, new ArrayList<>(list)));
    // Indexes kept up to date as requests are placed, so a placement does not rescan what was placed before it.
    Map<String, Map<String, Integer>> perAgent = new HashMap<>();
    groups.forEach((g, list) -> list.forEach(i -> perAgent.computeIfAbsent(g, k -> new HashMap<>())
        .merge(i.agentId(), 1, Integer::sum)));
    Map<String, Instance> candidates = new HashMap<>();
    offers.forEach(o -> candidates.put(o.id(), Instance.on(o)));
    List<Assignment> assignments = new ArrayList<>();
    List<Unplaced> unplaced = new ArrayList<>();
    for (PlacementRequest r : requests) {
      List<Instance> placed = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
      Map<String, Integer> placedPerAgent = perAgent.computeIfAbsent(r.group(), g -> new HashMap<>());
      Map<String, String> reasons = new LinkedHashMap<>();
      Offer best = null;
      double bestScore = -1;
      for (Offer o : offers) {
        Resources left = remaining.get(o.id());
        String why = misfit(r, left);
        double soft = 0;
        int softCount = 0;
        Instance candidate = candidates.get(o.id());
        for (Constraint c : r.constraints()) {
          if (why != null) {
            break;
          }
          Verdict v = Constraints.judge(c, candidate, placed, allPeers, r.group());
          if (c.soft()) {
            soft += v.score();
            softCount++;
          } else if (!v.pass()) {
            why = v.reason();
          }
        }
        if (why != null) {
          reasons.put(o.id(), why);
          continue;
        }
        int onAgent = placedPerAgent.getOrDefault(o.agentId(), 0);
        double softMean = softCount == 0 ? 1 : soft / softCount;
        double score = clamp(fitness.score(o, left, r.resources(), onAgent)) * softMean;
        if (score > bestScore) {
          best = o;
          bestScore = score;
        }
      }
      if (best == null) {
        unplaced.add(new Unplaced(r, reasons));
        continue;
      }
      Resources left = remaining.get(best.id());
      List<Long> ports = left.ports().first(r.ports());
      Resources used = withPorts(r.resources(), ports);
      remaining.put(best.id(), left.minus(used));
      placed.add(candidates.get(best.id()));
      placedPerAgent.merge(best.agentId(), 1, Integer::sum);
      allPeers.add(new Peer(best.agentId(), r.group(), Map.of()));
      assignments.add(new Assignment(r, best, used, ports, bestScore));
    }
    return new PlacementResult(assignments, unplaced);
  }

  /** Why {@code left} cannot hold the request's resources and ports, or null when it can. */
  static String misfit(PlacementRequest r, Resources left) {
    Set<String> short_ = left.shortfall(r.resources());
    if (!short_.isEmpty()) {
      StringBuilder sb = new StringBuilder("insufficient ");
      for (String name : short_) {
        sb.append(name).append(" (wanted ").append(amount(r.resources(), name)).append(", offered ")
            .append(amount(left, name)).append(") ");
      }
      return sb.toString().trim();
    }
    if (left.ports().size() < r.ports()) {
      return "insufficient ports (wanted " + r.ports() + ", offered " + left.ports().size() + ")";
    }
    return null;
  }

  private static String amount(Resources res, String name) {
    if (res.scalarNames().contains(name)) {
      return fmt(res.scalar(name));
    }
    if (res.rangeNames().contains(name)) {
      return res.ranges(name).toString();
    }
    return res.setNames().contains(name) ? res.set(name).toString() : "0";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static Resources withPorts(Resources base, List<Long> ports) {
    if (ports.isEmpty()) {
      return base;
    }
    RangeSet set = RangeSet.of(ports.stream().map(Range::of).toList());
    return base.toBuilder().ranges(Resources.PORTS, base.ports().plus(set)).build();
  }

  private static double clamp(double d) {
    return Double.isNaN(d) ? 0 : Math.max(0, Math.min(1, d));
  }
}
