package dev.drover.sdk.placement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Judges constraints. A pure function: stateless and thread-safe. */
public final class Constraints {
  private Constraints() {}

  /**
   * Judges {@code c} for a new instance on {@code candidate}, given the group's instances already placed.
   *
   * @param c the constraint
   * @param candidate the agent the new instance would run on
   * @param placed the group's instances already running or placed (the new one excluded)
   */
  public static Verdict judge(Constraint c, Instance candidate, Collection<Instance> placed) {
    return judge(c, candidate, placed, java.util.List.of(), "");
  }

  /**
   * Judges {@code c} like {@link #judge(Constraint, Instance, Collection)}, with the instances of every group for
   * {@link Operator#COLOCATE} and {@link Operator#SEPARATE}.
   *
   * @param peers instances of any group; those of {@code group} itself are not counted
   * @param group the group the new instance belongs to
   */
  public static Verdict judge(Constraint c, Instance candidate, Collection<Instance> placed,
      Collection<Peer> peers, String group) {
    switch (c.operator()) {
      case GLOBAL -> {
        return placed.stream().noneMatch(i -> i.agentId().equals(candidate.agentId())) ? Verdict.PASS
            : Verdict.fail(c, "agent " + candidate.hostname() + " already runs an instance");
      }
      case COLOCATE, SEPARATE -> {
        boolean there = peers.stream().anyMatch(p -> p.agentId().equals(candidate.agentId())
            && !p.group().equals(group) && p.selectedBy(c));
        if (c.operator() == Operator.COLOCATE) {
          return there ? Verdict.PASS
              : Verdict.fail(c, "agent " + candidate.hostname() + " runs no instance of " + selector(c));
        }
        return !there ? Verdict.PASS
            : Verdict.fail(c, "agent " + candidate.hostname() + " runs an instance of " + selector(c));
      }
      default -> { }
    }
    Optional<String> value = candidate.field(c.field());
    if (value.isEmpty()) {
      return c.operator() == Operator.UNLIKE ? Verdict.PASS
          : Verdict.fail(c, "agent " + candidate.agentId() + " has no " + c.field());
    }
    String v = value.get();
    Map<String, Integer> counts = counts(c.field(), placed);
    int mine = counts.getOrDefault(v, 0);
    return switch (c.operator()) {
      case UNIQUE -> mine == 0 ? Verdict.PASS
          : Verdict.fail(c, c.field() + "=" + v + " already has " + mine + " instance(s)");
      case CLUSTER -> cluster(c, v, counts);
      case GROUP_BY -> groupBy(c, v, mine, counts);
      case LIKE -> Pattern.compile(c.value().orElseThrow()).matcher(v).matches() ? Verdict.PASS
          : Verdict.fail(c, c.field() + "=" + v + " does not match " + c.value().get());
      case UNLIKE -> !Pattern.compile(c.value().orElseThrow()).matcher(v).matches() ? Verdict.PASS
          : Verdict.fail(c, c.field() + "=" + v + " matches " + c.value().get());
      case MAX_PER -> maxPer(c, v, mine);
      case IS -> v.equals(c.value().orElseThrow()) ? Verdict.PASS
          : Verdict.fail(c, c.field() + "=" + v + " is not " + c.value().get());
      case GLOBAL, COLOCATE, SEPARATE -> throw new AssertionError("handled above");
    };
  }

  private static String selector(Constraint c) {
    return c.field().equals(Constraint.APP_FIELD) ? c.value().orElse("")
        : c.field().substring(Constraint.LABEL_PREFIX.length()) + "=" + c.value().orElse("");
  }

  private static Verdict cluster(Constraint c, String v, Map<String, Integer> counts) {
    if (c.value().isPresent()) {
      return v.equals(c.value().get()) ? Verdict.PASS
          : Verdict.fail(c, c.field() + "=" + v + " is not " + c.value().get());
    }
    if (counts.isEmpty() || counts.containsKey(v)) {
      return Verdict.PASS;
    }
    return Verdict.fail(c, c.field() + "=" + v + " differs from the placed instances' " + counts.keySet());
  }

  private static Verdict groupBy(Constraint c, String v, int mine, Map<String, Integer> counts) {
    int groups = c.value().map(Integer::parseInt).orElse(1);
    int min = counts.size() < groups ? 0 : counts.values().stream().min(Integer::compare).orElse(0);
    if (!counts.containsKey(v)) {
      min = 0;
    }
    if (mine <= min) {
      return Verdict.PASS;
    }
    return Verdict.fail(c, 1.0 / (1 + mine - min),
        c.field() + "=" + v + " has " + mine + " instance(s), the least used value has " + min);
  }

  private static Verdict maxPer(Constraint c, String v, int mine) {
    int max = Integer.parseInt(c.value().orElseThrow());
    return mine < max ? Verdict.PASS
        : Verdict.fail(c, (double) max / (mine + 1),
            c.field() + "=" + v + " already has " + mine + " of at most " + max);
  }

  private static Map<String, Integer> counts(String field, Collection<Instance> placed) {
    Map<String, Integer> counts = new HashMap<>();
    for (Instance i : placed) {
      i.field(field).ifPresent(v -> counts.merge(v, 1, Integer::sum));
    }
    return counts;
  }
}
